/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_COST_ACCOUNTANT_H
#define MICROSCOPE_COST_ACCOUNTANT_H

#include "demand-matrix.h"
#include "network-level.h"
#include "spectrum-allocator.h"
#include "vnf-allocator.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"

#include <array>
#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

class AtomicFileWriter;

/**
 * \ingroup microscope
 * \brief Costs of one service's slices at one level, over the evaluated intervals.
 */
struct ServiceCosts
{
    std::string name;               //!< service name
    double trueDemandMBps{0};       //!< mean true demand summed over the level's nodes, MB/s
    double slaViolationMBps{0};     //!< SLA violation fees per interval, MB/s
    double slaViolationPct{0};      //!< slaViolationMBps relative to trueDemandMBps, %
    double overprovisioningMBps{0}; //!< mean overprovisioning, MB/s
    double overprovisioningPct{0};  //!< overprovisioningMBps relative to trueDemandMBps, %
    uint64_t violations{0};         //!< violated (node, interval) pairs
};

/**
 * \ingroup microscope
 * \brief Costs at one node (antenna or datacenter), summed over services.
 */
struct NodeCosts
{
    double trueDemandMBps{0};       //!< mean true demand, MB/s
    double slaViolationMBps{0};     //!< SLA violation fees per interval, MB/s
    double overprovisioningMBps{0}; //!< mean overprovisioning, MB/s
};

/**
 * \ingroup microscope
 * \brief Costs and accuracy of one lane at one level over its evaluated intervals (see
 * CostAccountant for the definitions). Quantities that are undefined (no evaluated interval,
 * or a figure of another level) are NaN.
 */
struct LevelCosts
{
    NetworkLevel level{NetworkLevel::ANTENNA}; //!< the level
    uint32_t nodes{0};                         //!< nodes of the level
    double intervalMin{0};                     //!< management interval, minutes
    uint64_t evaluatedIntervals{0};            //!< intervals accounted
    double trueDemandMBps{0};                  //!< mean total true demand, MB/s
    double slaViolationMBps{0};                //!< total SLA violation fees per interval, MB/s
    double slaViolationPct{0};                 //!< relative to trueDemandMBps, %
    double overprovisioningMBps{0};            //!< total overprovisioning per interval, MB/s
    double overprovisioningPct{0};             //!< relative to trueDemandMBps, %
    double totalCostMBps{0};                   //!< SLA violation + overprovisioning, MB/s
    double totalCostPct{0};                    //!< relative to trueDemandMBps, %
    uint64_t violations{0};                    //!< violated (node, service, interval) triples
    double maeMbps{0};                         //!< mean absolute error of the estimate, Mbps
    double nmaePct{0};                         //!< normalised MAE, %
    uint32_t nmaeSkippedSeries{0};             //!< (node, service) series of zero range
    uint64_t repairedNodes{0};                 //!< node estimates repaired (constraints)
    std::vector<ServiceCosts> services;        //!< per service
    std::vector<NodeCosts> perNode;            //!< per node
    // Antenna level (SpectrumAllocator).
    double extraThroughputMbpsPerAntenna{0};  //!< mean extra throughput per antenna, Mbps
    double extraPrbsPerAntenna{0};            //!< mean extra PRBs per antenna
    double extraSubcarriersPerAntenna{0};     //!< mean extra subcarriers per antenna
    double spectrumCostMhzPerAntenna{0};      //!< channel fitting extraPrbsPerAntenna, MHz
    double spectrumCostMhzMeanPerInterval{0}; //!< mean of the per-antenna-interval channel, MHz
    double cpuTimeOverheadPct{0};             //!< extra baseband CPU time vs the truth's, %
    // Datacenter levels (VnfAllocator); means per interval, summed over datacenters.
    double vnfCoresAllocated{0};       //!< cores of the allocation
    double vnfCoresNeeded{0};          //!< cores the true demand needs
    double vnfCoresOverprovisioned{0}; //!< sum over slices of (allocated - needed)+
    double vnfCoresShortfall{0};       //!< sum over slices of (needed - allocated)+
    double vnfCoresOverheadPct{0};     //!< (allocated - needed) / needed, %
};

/**
 * \ingroup microscope
 * \brief Accounts the costs of the slice allocations (Microscope paper, Sec. 7) and
 * the accuracy of the estimates, per lane and level, and writes the result files.
 *
 * For each lane (a decomposer configuration) and level, over the evaluated intervals i of
 * that level (I of them), with truth d, estimate e and allocation x of every (service s,
 * node n):
 * - SLA violation: an interval with `x < d (1 - ViolationTolerance)` costs the fee
 *   `Alpha * max_i d(s, n, i)`, the peak true demand of the (node, service) over the evaluated
 *   intervals (known at Finalize());
 * - overprovisioning: `(x - d)+`;
 * - both are summed over nodes and services, averaged over the intervals and reported in MB/s
 *   (1 MB/s = 8 Mbps) and as a percentage of the mean total true demand; their sum is the
 *   total cost;
 * - MAE = mean |e - d| over services, nodes and intervals (Mbps); NMAE = the mean over the
 *   (s, n) series of mean_i |e - d| / (max_i d - min_i d), in %; series of zero range are
 *   skipped and counted;
 * - antenna level: PRBs, subcarriers, spectrum and CPU time of the overprovisioning
 *   (SpectrumAllocator); datacenter levels: VNF cores (VnfAllocator).
 */
class CostAccountant : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CostAccountant();
    ~CostAccountant() override;

    /// \return the Alpha attribute, the SLA fee factor.
    double GetAlpha() const;

    /// \return the ViolationTolerance attribute.
    double GetViolationTolerance() const;

    /**
     * \param names the service names, in matrix row order.
     */
    void SetServiceNames(const std::vector<std::string>& names);

    /// \return the service names.
    const std::vector<std::string>& GetServiceNames() const;

    /**
     * \param allocator the antenna-level allocator whose PRB and CPU models are used.
     */
    void SetSpectrumAllocator(Ptr<SpectrumAllocator> allocator);

    /**
     * \param allocator the datacenter allocator whose core model is used.
     */
    void SetVnfAllocator(Ptr<VnfAllocator> allocator);

    /**
     * \param slotDuration the traffic slot, used for the `time_s` column of slots.csv.
     */
    void SetSlotDuration(Time slotDuration);

    /**
     * Add a lane. The first lane added is the primary one (summary "decomposer", slots.csv).
     * \param name the lane's name, unique.
     * \return the lane's index.
     * \throw InputError if the name is empty or already used.
     */
    uint32_t AddLane(const std::string& name);

    /// \return the lane names, primary first.
    const std::vector<std::string>& GetLaneNames() const;

    /**
     * \param name a lane name.
     * \return its index, or -1.
     */
    int32_t FindLane(const std::string& name) const;

    /**
     * Declare that a lane is accounted at a level. Requires SetServiceNames() before.
     * \param lane the lane's index.
     * \param level the level.
     * \param nNodes the level's nodes.
     * \param interval the level's management interval.
     */
    void AddLevel(uint32_t lane, NetworkLevel level, uint32_t nNodes, Time interval);

    /**
     * \param lane a lane index.
     * \param level a level.
     * \return true if AddLevel() declared it.
     */
    bool HasLevel(uint32_t lane, NetworkLevel level) const;

    /**
     * Account one evaluated interval.
     * \param lane the lane's index.
     * \param level the level.
     * \param firstSlot the index of the interval's first slot.
     * \param truth the true demand, (services, nodes) in Mbps.
     * \param estimate the decomposed demand.
     * \param allocation the allocated capacity.
     */
    void Account(uint32_t lane,
                 NetworkLevel level,
                 uint64_t firstSlot,
                 const DemandMatrix& truth,
                 const DemandMatrix& estimate,
                 const DemandMatrix& allocation);

    /**
     * Count estimates that had to be repaired to meet the constraints.
     * \param lane the lane's index.
     * \param level the level.
     * \param nodes the number of node estimates repaired.
     */
    void RecordRepairs(uint32_t lane, NetworkLevel level, uint64_t nodes);

    /**
     * Stream the primary lane's evaluated intervals to a CSV file (see the module
     * documentation for the columns). Rows go to a temporary file during the run; Finalize()
     * writes the file with the SLA fees filled in. Call before the first Account().
     * \param path the final file.
     * \throw InputError if the temporary file cannot be created.
     */
    void EnablePerSlotOutput(const std::string& path);

    /**
     * End the accounting: the peaks are final; writes the per-slot file if enabled. Calling it
     * again does nothing.
     * \throw InputError if the per-slot file cannot be written.
     */
    void Finalize();

    /// \return true once Finalize() has run.
    bool IsFinalized() const;

    /// Give up a failed run: temporary files are removed and nothing is written.
    void Abandon();

    /**
     * \param lane a lane index.
     * \param level a level the lane is accounted at.
     * \return its costs (final after Finalize()).
     */
    LevelCosts GetLevelCosts(uint32_t lane, NetworkLevel level) const;

    /**
     * Set the "parameters" object of summary.json.
     * \param parameters a JSON object.
     */
    void SetParameters(const nlohmann::ordered_json& parameters);

    /**
     * Set one entry of the "parameters" object of summary.json.
     * \param key the name.
     * \param value the value.
     */
    void SetParameter(const std::string& key, const std::string& value);

    /**
     * \param key the name.
     * \param value the value.
     */
    void SetParameter(const std::string& key, double value);

    /**
     * \param key the name.
     * \param value the value.
     */
    void SetParameter(const std::string& key, int64_t value);

    /**
     * \param key the name.
     * \param value the value.
     */
    void SetParameter(const std::string& key, bool value);

    /**
     * Set one entry of the "run" object of summary.json (the orchestrator records the days of
     * the split and the history length there).
     * \param key the name.
     * \param value the value.
     */
    void SetRunInfo(const std::string& key, int64_t value);

    /**
     * \param key the name.
     * \param value the value.
     */
    void SetRunInfo(const std::string& key, double value);

    /// \return summary.json's text (2-space indented).
    std::string GetSummaryJson() const;

    /**
     * Write summary.json.
     * \param path the file.
     */
    void WriteSummaryJson(const std::string& path) const;

    /**
     * Write `lane,level,node,true_demand_MBps,sla_violation_MBps,overprovisioning_MBps`.
     * \param path the file.
     */
    void WriteNodeCostsCsv(const std::string& path) const;

    /**
     * Write the Table 3 view (Microscope paper, Sec. 7.1) of every lane and level: one row
     * `lane,level,interval_min,sla_violation_MBps,sla_violation_pct,overprovisioning_MBps,
     * overprovisioning_pct,total_cost_MBps,total_cost_pct`, atomically.
     * \param path the file.
     */
    void WriteTable3Csv(const std::string& path) const;

    /**
     * Print, per level, the true demand, SLA violation and overprovisioning (MB/s and %) and
     * MAE/NMAE, one column group per lane, then the antenna and VNF figures.
     * \param os the stream.
     */
    void PrintCostTables(std::ostream& os) const;

    /**
     * Format a number as the output files do: shortest round-trip-safe text of at most 10
     * significant digits, "nan" for NaN.
     * \param value the number.
     * \return the text.
     */
    static std::string FormatNumber(double value);

protected:
    void DoDispose() override;

private:
    /// Accumulators of one lane at one level.
    struct Account_
    {
        bool active{false};             //!< AddLevel() called
        uint32_t nNodes{0};             //!< nodes
        Time interval;                  //!< management interval
        uint64_t intervals{0};          //!< evaluated intervals
        uint64_t repaired{0};           //!< repaired node estimates
        std::vector<double> sumTruth;   //!< (s, n): sum of d
        std::vector<double> sumOver;    //!< (s, n): sum of (x - d)+
        std::vector<double> sumAbsErr;  //!< (s, n): sum of |e - d|
        std::vector<double> peak;       //!< (s, n): max of d
        std::vector<double> minimum;    //!< (s, n): min of d
        std::vector<uint64_t> violated; //!< (s, n): violated intervals
        double sumExtraPrbs{0};         //!< antenna: sum over antennas, intervals
        double sumCpuTrue{0};           //!< antenna: sum of CPU time of the truth
        double sumCpuExtra{0};          //!< antenna: sum of extra CPU time
        double sumChannelMhz{0};        //!< antenna: sum of per-antenna-interval channels
        double sumCoresAllocated{0};    //!< datacenters: sum of allocated cores
        double sumCoresNeeded{0};       //!< datacenters: sum of needed cores
        double sumCoresOver{0};         //!< datacenters: sum of (allocated - needed)+
        double sumCoresShort{0};        //!< datacenters: sum of (needed - allocated)+
    };

    /**
     * \param lane a lane index.
     * \param level a level.
     * \return its accumulators.
     */
    const Account_& Get(uint32_t lane, NetworkLevel level) const;

    /**
     * \param lane a lane index.
     * \param level a level.
     * \return its accumulators.
     */
    Account_& Get(uint32_t lane, NetworkLevel level);

    /// Rewrite the streamed per-slot rows with the fees into the final file.
    void WritePerSlotFile();

    double m_alpha;                      //!< SLA fee factor
    double m_tolerance;                  //!< relative violation tolerance
    std::vector<std::string> m_services; //!< service names
    Ptr<SpectrumAllocator> m_spectrum;   //!< antenna resource model
    Ptr<VnfAllocator> m_vnf;             //!< datacenter resource model
    Time m_slotDuration;                 //!< traffic slot
    std::vector<std::string> m_lanes;    //!< lane names
    std::vector<std::array<Account_, N_NETWORK_LEVELS>> m_accounts; //!< per lane and level
    std::unique_ptr<nlohmann::ordered_json> m_parameters;           //!< summary "parameters"
    std::unique_ptr<nlohmann::ordered_json> m_run;                  //!< summary "run"
    std::string m_slotsPath;                                        //!< final per-slot file
    std::unique_ptr<AtomicFileWriter> m_slotsStream;                //!< streamed rows
    std::vector<char> m_rowBuffer;                                  //!< formatting buffer
    std::vector<double> m_nodeTrue;       //!< scratch: each antenna's true rate in Account()
    std::vector<double> m_nodeExtra;      //!< scratch: each antenna's excess rate in Account()
    std::vector<double> m_neededFor;      //!< the truth m_neededCores was computed for
    std::vector<double> m_neededCores;    //!< cores the truth needs, per (service, node)
    std::vector<double> m_allocatedCores; //!< scratch: cores allocated, per (service, node)
    Ptr<const VnfAllocator> m_neededVnf;  //!< the VNF allocator m_neededCores came from
    double m_neededPerGbps{0};            //!< its cores per Gbps then
    bool m_finalized;                     //!< Finalize() ran
};

} // namespace ns3

#endif /* MICROSCOPE_COST_ACCOUNTANT_H */
