/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mtd-dataset.h"

#include "demand-matrix.h"
#include "input-error.h"

#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MtdDataset");

MtdDataset::MtdDataset()
    : m_level(NetworkLevel::ANTENNA),
      m_history(1),
      m_nNodes(0),
      m_nServices(0),
      m_intervalsPerDay(0),
      m_trainDays(0),
      m_validationDays(0),
      m_testDays(0),
      m_meanAggregate(0)
{
}

void
MtdDataset::Build(Ptr<TrafficSource> source,
                  Ptr<NetworkTopology> topology,
                  NetworkLevel level,
                  Time interval,
                  uint32_t history,
                  double trainFraction,
                  double validationFraction)
{
    NS_LOG_FUNCTION(this << level << interval << history);
    if (history == 0)
    {
        throw InputError::ForAttribute("history", "T must be at least 1");
    }
    if (!topology->HasLevel(level))
    {
        throw InputError("the topology has no " + NetworkLevelName(level) + " level");
    }
    Ptr<TrafficCalendar> calendar = source->GetCalendar();
    const Time slot = calendar->GetSlotDuration();
    const int64_t slotMs = slot.GetMilliSeconds();
    const int64_t intervalMs = interval.GetMilliSeconds();
    if (intervalMs <= 0 || intervalMs % slotMs != 0 ||
        Hours(24).GetMilliSeconds() % intervalMs != 0)
    {
        throw InputError::ForAttribute("interval",
                                       "the interval must be a multiple of the slot (" +
                                           std::to_string(slot.GetSeconds()) +
                                           " s) that divides a day");
    }
    const uint32_t slotsPerInterval = static_cast<uint32_t>(intervalMs / slotMs);
    const uint32_t slotsPerDay = calendar->GetSlotsPerDay();
    m_level = level;
    m_interval = interval;
    m_history = history;
    m_nNodes = topology->GetNNodes(level);
    m_nServices = source->GetServiceCatalog()->GetN();
    m_catalog = source->GetServiceCatalog();
    m_names = m_catalog->GetNames();
    m_intervalsPerDay = slotsPerDay / slotsPerInterval;
    m_positions = topology->GetNodePositions(level);

    const uint64_t nIntervals = source->GetNSlots() / slotsPerInterval;
    m_aggregate.assign(nIntervals * m_nNodes, 0.0f);
    m_truth.assign(nIntervals * m_nServices * m_nNodes, 0.0f);
    m_dayTypes.assign(nIntervals, DayType::WORKDAY);
    DemandMatrix demand;
    DemandMatrix nodes;
    DemandMatrix sum(m_nServices, m_nNodes);
    for (uint64_t i = 0; i < nIntervals; ++i)
    {
        sum.Fill(0.0);
        for (uint32_t k = 0; k < slotsPerInterval; ++k)
        {
            source->GetDemand(i * slotsPerInterval + k, demand);
            topology->Aggregate(level, demand, nodes);
            sum += nodes;
        }
        sum *= 1.0 / slotsPerInterval;
        float* truth = m_truth.data() + i * m_nServices * m_nNodes;
        float* aggregate = m_aggregate.data() + i * m_nNodes;
        for (uint32_t s = 0; s < m_nServices; ++s)
        {
            for (uint32_t n = 0; n < m_nNodes; ++n)
            {
                const float v = static_cast<float>(sum(s, n));
                truth[s * m_nNodes + n] = v;
                aggregate[n] += v;
            }
        }
        m_dayTypes[i] = calendar->GetDayType(i / m_intervalsPerDay);
    }

    // Splits by day, rounded as in SlotOrchestrator.
    const uint32_t nDays =
        static_cast<uint32_t>((nIntervals + m_intervalsPerDay - 1) / m_intervalsPerDay);
    m_trainDays = static_cast<uint32_t>(std::lround(trainFraction * nDays));
    m_validationDays =
        std::min<uint32_t>(static_cast<uint32_t>(std::lround(validationFraction * nDays)),
                           nDays - m_trainDays);
    m_testDays = nDays - m_trainDays - m_validationDays;
    m_train.clear();
    m_validation.clear();
    m_test.clear();
    double sumAggregate = 0.0;
    uint64_t count = 0;
    for (uint64_t i = 0; i < nIntervals; ++i)
    {
        const uint64_t day = i / m_intervalsPerDay;
        if (day < m_trainDays)
        {
            for (uint32_t n = 0; n < m_nNodes; ++n)
            {
                sumAggregate += m_aggregate[i * m_nNodes + n];
            }
            count += m_nNodes;
        }
        if (i + 1 < m_history)
        {
            continue;
        }
        (day < m_trainDays                      ? m_train
         : day < m_trainDays + m_validationDays ? m_validation
                                                : m_test)
            .push_back(i);
    }
    if (m_train.empty() || m_test.empty())
    {
        throw InputError("the run is too short to split " + std::to_string(nDays) +
                         " days into training, validation and test periods (use more days)");
    }
    m_meanAggregate = count > 0 ? sumAggregate / count : 1.0;
    if (!(m_meanAggregate > 0))
    {
        m_meanAggregate = 1.0;
    }
    NS_LOG_INFO(NetworkLevelName(level)
                << ": " << nIntervals << " intervals of " << interval.GetMinutes() << " min, "
                << m_train.size() << "/" << m_validation.size() << "/" << m_test.size()
                << " samples");
}

Ptr<ServiceCatalog>
MtdDataset::GetServiceCatalog() const
{
    return m_catalog;
}

NetworkLevel
MtdDataset::GetLevel() const
{
    return m_level;
}

Time
MtdDataset::GetInterval() const
{
    return m_interval;
}

uint32_t
MtdDataset::GetHistory() const
{
    return m_history;
}

uint32_t
MtdDataset::GetNNodes() const
{
    return m_nNodes;
}

uint32_t
MtdDataset::GetNServices() const
{
    return m_nServices;
}

const std::vector<std::string>&
MtdDataset::GetServiceNames() const
{
    return m_names;
}

uint64_t
MtdDataset::GetNIntervals() const
{
    return m_dayTypes.size();
}

uint32_t
MtdDataset::GetIntervalsPerDay() const
{
    return m_intervalsPerDay;
}

const std::vector<Vector>&
MtdDataset::GetNodePositions() const
{
    return m_positions;
}

uint32_t
MtdDataset::GetTrainDays() const
{
    return m_trainDays;
}

uint32_t
MtdDataset::GetValidationDays() const
{
    return m_validationDays;
}

uint32_t
MtdDataset::GetTestDays() const
{
    return m_testDays;
}

const float*
MtdDataset::Aggregate(uint64_t interval) const
{
    return m_aggregate.data() + interval * m_nNodes;
}

const float*
MtdDataset::Truth(uint64_t interval) const
{
    return m_truth.data() + interval * m_nServices * m_nNodes;
}

DayType
MtdDataset::GetDayType(uint64_t interval) const
{
    return m_dayTypes.at(interval);
}

uint32_t
MtdDataset::GetIntervalOfDay(uint64_t interval) const
{
    return static_cast<uint32_t>(interval % m_intervalsPerDay);
}

uint64_t
MtdDataset::GetDay(uint64_t interval) const
{
    return interval / m_intervalsPerDay;
}

const std::vector<uint64_t>&
MtdDataset::GetTrain() const
{
    return m_train;
}

const std::vector<uint64_t>&
MtdDataset::GetValidation() const
{
    return m_validation;
}

const std::vector<uint64_t>&
MtdDataset::GetTest() const
{
    return m_test;
}

double
MtdDataset::GetTrainingMeanAggregate() const
{
    return m_meanAggregate;
}

} // namespace ns3
