/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the zone pipeline's neutral input, HourlyVolume, and of its adapter from any
 * TrafficSource (Mbps per slot to MB per hour), with a tiny TrafficSource written here.
 */

#include "ns3/hourly-volume-from-traffic-source.h"
#include "ns3/hourly-volume.h"
#include "ns3/input-error.h"
#include "ns3/service-catalog.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/traffic-source.h"
#include "ns3/uinteger.h"

#include <functional>

using namespace ns3;

/**
 * \ingroup microscope-tests
 * A traffic source with 2 services and 3 antennas whose demand is
 * (antenna + 1) * (service + 1) * (1 + slot mod 2) Mbps.
 */
class TinyZoneTrafficSource : public TrafficSource
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::TinyZoneTrafficSource")
                                .SetParent<TrafficSource>()
                                .SetGroupName("Microscope");
        return tid;
    }

    /**
     * \param slot the slot duration.
     * \param slots the number of slots.
     */
    TinyZoneTrafficSource(Time slot, uint64_t slots)
        : m_slots(slots)
    {
        m_calendar = CreateObject<TrafficCalendar>();
        m_calendar->SetSlotDuration(slot);
        m_calendar->SetAttribute("StartWeekday", UintegerValue(4)); // a Friday
        m_catalog = CreateObject<ServiceCatalog>();
    }

    Ptr<ServiceCatalog> GetServiceCatalog() const override
    {
        return m_catalog;
    }

    Ptr<TrafficCalendar> GetCalendar() const override
    {
        return m_calendar;
    }

    uint32_t GetNAntennas() const override
    {
        return 3;
    }

    uint64_t GetNSlots() const override
    {
        return m_slots;
    }

    void GetDemand(uint64_t slot, DemandMatrix& demand) override
    {
        ++calls;
        demand.Resize(2, 3);
        for (uint32_t s = 0; s < 2; ++s)
        {
            for (uint32_t a = 0; a < 3; ++a)
            {
                demand(s, a) = (a + 1.0) * (s + 1.0) * (1.0 + slot % 2);
            }
        }
    }

    uint64_t calls{0}; //!< GetDemand() calls

private:
    Ptr<TrafficCalendar> m_calendar; //!< calendar
    Ptr<ServiceCatalog> m_catalog;   //!< (empty) catalog
    uint64_t m_slots;                //!< slots available
};

/**
 * \ingroup microscope-tests
 * Mbps per 30-minute slot to MB per hour.
 */
class TrafficSourceAdapterTestCase : public TestCase
{
public:
    TrafficSourceAdapterTestCase()
        : TestCase("HourlyVolumeFromTrafficSource: units, whole days, day types, errors")
    {
    }

private:
    void DoRun() override
    {
        // Two whole days of 30-minute slots and 10 slots of a third day (dropped).
        auto source = CreateObject<TinyZoneTrafficSource>(Minutes(30), 2 * 48 + 10);
        auto adapter = CreateObject<HourlyVolumeFromTrafficSource>();
        const std::vector<Vector> pos = {Vector(0, 0, 0), Vector(1, 0, 0), Vector(2, 0, 0)};
        HourlyVolume v = adapter->Convert(source, pos);
        NS_TEST_ASSERT_MSG_EQ(v.GetNNodes(), 3u, "antennas");
        NS_TEST_ASSERT_MSG_EQ(v.GetNDays(), 2u, "whole days only");
        NS_TEST_ASSERT_MSG_EQ(source->calls, 96u, "one GetDemand() per slot used");
        // An hour holds slots 2h (factor 1) and 2h + 1 (factor 2); services add 1 + 2 = 3;
        // 1 Mbps over 1800 s is 225 MB. Antenna a: (a + 1) * 3 * 3 * 225 MB.
        for (uint32_t a = 0; a < 3; ++a)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(v(a, 7), (a + 1) * 2025.0, 1e-9, "MB per hour");
            NS_TEST_ASSERT_MSG_EQ_TOL(v(a, 24 + 23), (a + 1) * 2025.0, 1e-9, "last hour");
        }
        NS_TEST_ASSERT_MSG_EQ(v.GetDate(0).ToString(), "2013-11-01", "StartDate");
        NS_TEST_ASSERT_MSG_EQ((int)v.GetDayType(0), (int)DayType::WORKDAY, "Friday");
        NS_TEST_ASSERT_MSG_EQ((int)v.GetDayType(1), (int)DayType::HOLIDAY, "Saturday");
        NS_TEST_ASSERT_MSG_EQ(v.GetPositions()[2].x, 2.0, "positions");

        adapter->SetAttribute("Days", UintegerValue(1));
        NS_TEST_ASSERT_MSG_EQ(adapter->Convert(source, pos).GetNDays(), 1u, "Days attribute");

        auto expectError = [&](const std::function<void()>& f, const std::string& what)
        {
            try
            {
                f();
            }
            catch (const InputError& e)
            {
                return std::string(e.what()).find(what) != std::string::npos;
            }
            return false;
        };
        adapter->SetAttribute("Days", UintegerValue(5));
        NS_TEST_ASSERT_MSG_EQ(expectError([&] { adapter->Convert(source, pos); }, "Days"),
                              true,
                              "more days than the source has");
        adapter->SetAttribute("Days", UintegerValue(0));
        NS_TEST_ASSERT_MSG_EQ(
            expectError([&] { adapter->Convert(source, {Vector()}); }, "positions"),
            true,
            "one position per antenna");
        auto slow = CreateObject<TinyZoneTrafficSource>(Minutes(90), 32);
        NS_TEST_ASSERT_MSG_EQ(expectError([&] { adapter->Convert(slow, pos); }, "SlotDuration"),
                              true,
                              "a 90-minute slot does not divide an hour");
        auto shortSource = CreateObject<TinyZoneTrafficSource>(Minutes(30), 40);
        NS_TEST_ASSERT_MSG_EQ(expectError([&] { adapter->Convert(shortSource, pos); }, "less "),
                              true,
                              "less than a day");
        adapter->SetAttribute("StartDate", StringValue("2013-11-31"));
        NS_TEST_ASSERT_MSG_EQ(expectError([&] { adapter->Convert(source, pos); }, "StartDate"),
                              true,
                              "bad StartDate");
    }
};

/**
 * \ingroup microscope-tests
 * HourlyVolume bookkeeping.
 */
class HourlyVolumeTestCase : public TestCase
{
public:
    HourlyVolumeTestCase()
        : TestCase("HourlyVolume: layout, series per day type, aggregation, validation")
    {
    }

private:
    void DoRun() override
    {
        std::vector<CivilDate> days = {CivilDate(2013, 11, 1),
                                       CivilDate(2013, 11, 2),
                                       CivilDate(2013, 11, 3)};
        HourlyVolume v(2, days);
        NS_TEST_ASSERT_MSG_EQ(v.GetNHours(), 72u, "24 hours a day");
        v.SetDayTypes({DayType::WORKDAY, DayType::HOLIDAY, DayType::WORKDAY});
        for (uint32_t h = 0; h < 72; ++h)
        {
            v(0, h) = h;
            v(1, h) = 1000 + h;
        }
        const auto work = v.GetSeries(0, DayType::WORKDAY);
        NS_TEST_ASSERT_MSG_EQ(work.size(), 48u, "two workdays");
        NS_TEST_ASSERT_MSG_EQ(work[24], 48.0, "the third day follows the first");
        HourlyVolume z = v.Aggregate({0, 0}, 1);
        NS_TEST_ASSERT_MSG_EQ_TOL(z(0, 5), 5.0 + 1005.0, 1e-12, "sum");
        NS_TEST_ASSERT_MSG_EQ((int)z.GetDayType(1), (int)DayType::HOLIDAY, "types kept");
        v(1, 3) = -1;
        bool threw = false;
        try
        {
            v.Validate("test");
        }
        catch (const InputError& e)
        {
            threw = std::string(e.what()).find("node 1, hour 3") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "negative volume named");
        threw = false;
        try
        {
            HourlyVolume gap(1, {CivilDate(2013, 11, 1), CivilDate(2013, 11, 3)});
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "days must be consecutive");
    }
};

/**
 * \ingroup microscope-tests
 * The hourly volume suite.
 */
class HourlyVolumeTestSuite : public TestSuite
{
public:
    HourlyVolumeTestSuite()
        : TestSuite("microscope-hourly-volume", UNIT)
    {
        AddTestCase(new TrafficSourceAdapterTestCase, TestCase::QUICK);
        AddTestCase(new HourlyVolumeTestCase, TestCase::QUICK);
    }
};

static HourlyVolumeTestSuite g_hourlyVolumeTestSuite; //!< the suite
