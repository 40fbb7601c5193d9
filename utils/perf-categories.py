#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Where the time of a packet-level (LTE) run goes, by part of the simulated network.

Reads `perf script` output of a run recorded with DWARF call stacks and charges every sample to
the innermost frame that belongs to a part of the model (the channel, the PHY, the MAC, ...):
frames of the C and C++ libraries, the allocator, ns-3's packets, callbacks, smart pointers and
event scheduler are skipped, so memory allocation and packet copies count for the code that
asked for them. A sample with no such frame is the simulator's own work (event scheduling);
a sample outside Simulator::Run is set-up.

  perf record -F 300 --call-graph dwarf,16384 -o run.data \\
      build/examples/microscope-bench-lte --points=20x10 --slots=1 --radio=fast --peer=false
  perf script -i run.data | utils/perf-categories.py
"""

import re
import sys
from collections import Counter

# (category, pattern on the frame's symbol); the first match wins.
RULES = [
    ("spectrum channel and interference",
     r"SpectrumChannel|SpectrumValue|SpectrumSignalParameters|LteInterference|"
     r"LteChunkProcessor|PacketBurst|PropagationLoss|PropagationDelay|Angles|AntennaModel|"
     r"SpectrumConverter|SpectrumModel"),
    ("PHY", r"LteSpectrumPhy|LteUePhy|LteEnbPhy|ns3::LtePhy|LteMiErrorModel|LteAmc|"
            r"LteControlMessage|LteUePowerControl|CqiListElement|LteHarqPhy"),
    ("MAC and scheduler", r"LteEnbMac|LteUeMac|FfMacScheduler|ComponentCarrier|CcManager|"
                          r"LteFfr|FfMacSched|MacSap|CschedSap|SchedSap|LteMacSap"),
    ("RLC and PDCP", r"LteRlc|LtePdcp|LteRlcSap|LtePdcpSap"),
    ("RRC and NAS", r"LteEnbRrc|LteUeRrc|LteRrc|EpcUeNas|UeManager"),
    ("EPC and the IP network (S1-U, datacenter links)",
     r"Epc|Gtp|Ipv4|Udp|TrafficControl|QueueDisc|PointToPoint|ArpL3|ArpCache|Icmpv4|"
     r"Ipv6|Tunnel|Socket|DropTailQueue|ns3::Queue<|InetSocketAddress|Ipv4Header|UdpHeader|"
     r"NetDeviceQueue|SimpleChannel|Node::ReceiveFromDevice|Node::NonPromiscReceiveFromDevice|"
     r"Node::PromiscReceiveFromDevice"),
    ("microscope: applications, traces, VNF queues, controller",
     r"ServiceTrafficApplication|VnfApplication|LteSlice|SliceFlowTag|SlicePdcpCounter|"
     r"CostAccountant|SpectrumAllocator|VnfAllocator|Decomposer|TrafficGenerator|"
     r"ServiceCatalog|SeqTsHeader|PacketSink|UdpClient|ns3::microscope"),
]
COMPILED = [(name, re.compile(pattern)) for name, pattern in RULES]
# Frames that never decide: libraries and ns-3's generic machinery.
SKIP_DSOS = ("libc.so", "libstdc++", "libjemalloc", "libm.so", "ld-linux", "kernel.kallsyms",
             "libgcc_s", "libtcmalloc")
SKIP_SYMBOLS = re.compile(r"^ns3::(Ptr|SimpleRefCount|Callback|CallbackImpl|MemPtrCallbackImpl|"
                          r"MakeEvent|EventImpl|EventMemberImpl|TracedCallback|Packet(::|Tag)|"
                          r"Buffer|ByteTagList|PacketTagList|PacketMetadata|Header|Trailer|"
                          r"Tag|Object|ObjectBase|TypeId|Simulator|DefaultSimulatorImpl|"
                          r"MapScheduler|Scheduler|Time|int64x64|EventId|Create|"
                          r"DynamicCast|PeekPointer|LogComponent)|^std::|^operator|^__|"
                          r"^\[unknown\]|^_")


def categorize(frames):
    """frames: innermost first, (symbol, dso) pairs."""
    in_run = any("Simulator::Run" in s or "DefaultSimulatorImpl::Run" in s for s, _ in frames)
    if not in_run:
        return "set-up, start-up and tear-down"
    for symbol, dso in frames:
        if any(d in dso for d in SKIP_DSOS):
            continue
        if "CachedLossSpectrumChannel" in symbol:
            return "spectrum channel and interference"
        if "SliceFfMacScheduler" in symbol:
            return "MAC and scheduler"
        for name, pattern in COMPILED:
            if pattern.search(symbol):
                return name
        if SKIP_SYMBOLS.search(symbol):
            continue  # e.g. Simulator::ScheduleWithContext, instantiated in the caller's library
        if "libns3-microscope" in dso:
            return "microscope: applications, traces, VNF queues, controller"
    return "simulator core (event scheduling) and unattributed"


def main():
    counts = Counter()
    frames = []
    line_re = re.compile(r"^\s+[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$")

    def flush():
        if frames:
            counts[categorize(frames)] += 1
            frames.clear()

    for line in sys.stdin:
        if not line.strip():
            flush()
            continue
        if not line.startswith((" ", "\t")):
            flush()
            continue
        m = line_re.match(line)
        if m:
            symbol = re.sub(r"\+0x[0-9a-f]+$", "", m.group(1))
            frames.append((symbol, m.group(2)))
    flush()
    total = sum(counts.values())
    if total == 0:
        sys.exit("perf-categories: no samples with call stacks in the input")
    order = [name for name, _ in RULES] + ["simulator core (event scheduling) and unattributed",
                                            "set-up, start-up and tear-down"]
    print(f"{'part':58s} {'samples':>8s} {'share':>7s}")
    for name in order:
        print(f"{name:58s} {counts[name]:8d} {100.0 * counts[name] / total:6.1f}%")
    print(f"{'total':58s} {total:8d}")


if __name__ == "__main__":
    main()
