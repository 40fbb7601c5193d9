/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The top-level Doxygen description of the microscope module and of its groups, as ns-3
 * modules keep it (src/<module>/doc/<module>.h). No code: this file is never compiled or
 * installed; Doxygen reads it with the module's sources.
 */

/**
 * \defgroup microscope Microscope: traffic decomposition for network slicing
 *
 * \brief Mobile traffic decomposition (MTD) for network slicing, and datacenter planning.
 *
 * From the aggregate traffic that each antenna or datacenter sees, the module estimates every
 * service's share (the decomposition), allocates slice resources from those estimates
 * (spectrum at the antennas, VNF cores at the MEC, C-RAN and core datacenters), and accounts
 * what the allocation costs in SLA violations and overprovisioning. It follows C. Zhang,
 * M. Fiore, C. Ziemlicki and P. Patras, *Microscope: mobile service traffic decomposition for
 * network slicing as a service* (ACM MobiCom 2020), for the decomposition, its neural
 * networks and the costs; and U. Paul, J. Liu, S. Troia, O. Falowo and G. Maier,
 * *Traffic-profile and machine learning based regional data center design and operation for
 * 5G network* (Journal of Communications and Networks, 2019), for the zoning, placement,
 * dimensioning and forecasting of datacenters.
 *
 * \section microscope-pipeline The pipeline
 *
 * - Network: ns3::AntennaLayoutHelper (antennas as Nodes), ns3::DatacenterTierHelper and
 *   ns3::DatacenterTierBuilder (MEC, C-RAN and core datacenters from METIS partitions of the
 *   antennas' Delaunay graph), ns3::NetworkTopology.
 * - Demand: ns3::TrafficSource, with ns3::SyntheticTrafficGenerator and
 *   ns3::TraceTrafficSource (and the Milan data set: ns3::MilanTrafficLoader).
 * - Decomposition: ns3::SlotOrchestrator runs the slots as simulator events, aggregates the
 *   demand per level and management interval, and hands each lane's ns3::Decomposer the last
 *   T aggregate snapshots (ns3::OracleDecomposer, ns3::HistoricalDecomposer,
 *   ns3::LinearDecomposer, ns3::NeuralDecomposer, ns3::ForecastDecomposer and the cost-aware
 *   baselines).
 * - Allocation: ns3::SpectrumAllocator (PRBs at the antennas) and ns3::VnfAllocator (cores at
 *   the datacenters), both ns3::SliceAllocator.
 * - Costs: ns3::CostAccountant (SLA violation fees, overprovisioning, MAE and NMAE, the result
 *   files).
 * - Packet level: ns3::LteSlicingHelper, ns3::SliceFfMacScheduler (per-slice PRB quotas),
 *   ns3::LteSliceController and ns3::VnfApplication.
 * - Datacenter planning: ns3::ZonePlanner, ns3::KMeansZoning, ns3::WeiszfeldPlacement,
 *   ns3::ZoneProfiler, ns3::DatacenterDimensioning and ns3::ZoneForecaster.
 *
 * ns3::MicroscopeHelper builds a whole fluid scenario. The module documentation
 * (doc/microscope.rst) describes the models, their equations, attributes and validation; its
 * attribute tables (doc/sections/attributes.rst) are generated from the TypeIds by
 * utils/microscope-print-attributes.cc.
 */

/**
 * \defgroup microscope-tests Microscope module tests
 * \ingroup microscope
 * \ingroup tests
 *
 * The TestSuites `microscope-<feature>` of test/ (one ctest test per suite in the standalone
 * build, `./test.py -s microscope-<feature>` in an ns-3 tree) and their helpers.
 */
