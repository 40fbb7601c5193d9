#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The explanatory diagrams of the module documentation, drawn with matplotlib only.

    diagrams.py [--out=doc/figures] [--format=png,svg] [--only=NAME,...] [--dpi=100]

  pipeline   traffic at the antennas -> aggregation at the MEC, C-RAN and core datacenters ->
             decomposition (models and baselines) -> allocation (spectrum at the antennas, VNF
             cores at the datacenters) -> cost accounting, in the fluid and packet-level modes
  slot       one slot through the SlotOrchestrator (model/slot-orchestrator.cc): the order of
             its steps and where each trace source fires
  tti        one downlink TTI of the SliceFfMacScheduler (model/slice-ff-mac-scheduler.cc):
             groups, quota accounting, RBG assignment and lending, on a worked example

Each figure is written as diagram-<name>.<format>. The output is deterministic: the same
matplotlib gives byte-identical files (fixed SVG hash salt, no dates in the metadata).
`./microscope docs --diagrams` runs it into doc/figures.
"""

import argparse
import os
import sys

# plot.py's matplotlib set-up (Agg backend, a writable config folder, the fixed SVG hash salt).
from plot import matplotlib, plt  # noqa: E402
from options import parse_names  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Polygon, Rectangle  # noqa: E402

matplotlib.rcParams["font.size"] = 8
matplotlib.rcParams["font.family"] = "DejaVu Sans"

# One colour per stage, used by all three diagrams.
C_TRAFFIC = "#dbe9f6"
C_AGG = "#e2f0d9"
C_DEC = "#fff2cc"
C_ALLOC = "#fce4d6"
C_COST = "#f4d7e8"
C_TRACE = "#ffffff"
C_NEUTRAL = "#eeeeee"
EDGE = "#404040"


def canvas(width, height, title):
    """A figure of width x height inches whose data units are inches (origin bottom left), with
    its title centred at the top."""
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    ax.text(width / 2, height - 0.28, title, ha="center", va="center", fontsize=11,
            weight="bold")
    return fig, ax


def box(ax, x, y, w, h, text, colour, size=8, weight="normal", style="round", ha="center",
        edge=EDGE, lw=0.9, ls="-"):
    """A box with its bottom-left corner at (x, y) and centred (or left-aligned) text."""
    pad = 0.04
    shape = "round,pad=%g,rounding_size=0.08" % pad if style == "round" else "square,pad=%g" % pad
    ax.add_patch(FancyBboxPatch((x + pad, y + pad), w - 2 * pad, h - 2 * pad, boxstyle=shape,
                                facecolor=colour, edgecolor=edge, lw=lw, ls=ls))
    tx = x + w / 2 if ha == "center" else x + 0.12
    ax.text(tx, y + h / 2, text, ha=ha, va="center", fontsize=size, weight=weight,
            linespacing=1.3)
    return (x, y, w, h)


def diamond(ax, cx, cy, w, h, text, colour=C_NEUTRAL, size=7.5):
    """A decision diamond centred at (cx, cy)."""
    ax.add_patch(Polygon([(cx - w / 2, cy), (cx, cy + h / 2), (cx + w / 2, cy), (cx, cy - h / 2)],
                         closed=True, facecolor=colour, edgecolor=EDGE, lw=0.9))
    ax.text(cx, cy, text, ha="center", va="center", fontsize=size, linespacing=1.2)


def arrow(ax, start, end, text=None, colour=EDGE, ls="-", lw=1.0, size=7, offset=(0.06, 0.0),
          ha="left", rad=0.0):
    """An arrow from start to end, with an optional label beside its middle."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=9, color=colour,
                                 lw=lw, ls=ls, shrinkA=0, shrinkB=0,
                                 connectionstyle="arc3,rad=%g" % rad))
    if text:
        mx = (start[0] + end[0]) / 2 + offset[0]
        my = (start[1] + end[1]) / 2 + offset[1]
        ax.text(mx, my, text, ha=ha, va="center", fontsize=size, color=colour)


def polyline(ax, points, colour=EDGE, lw=1.0, ls="-"):
    """Segments through the points, the last one ending in an arrow head."""
    for a, b in zip(points[:-2], points[1:-1]):
        ax.plot([a[0], b[0]], [a[1], b[1]], color=colour, lw=lw, ls=ls, solid_capstyle="butt")
    arrow(ax, points[-2], points[-1], colour=colour, lw=lw, ls=ls)


def trace(ax, x, y, text, w=2.1, h=0.36):
    """A trace source tag: a white box with a dashed border."""
    return box(ax, x, y, w, h, text, C_TRACE, size=7, style="square", ls="--", lw=0.8)


# --------------------------------------------------------------------------------------------
# a. The pipeline
# --------------------------------------------------------------------------------------------


def diagram_pipeline():
    fig, ax = canvas(12.6, 7.3, "The microscope pipeline: from antenna traffic to the costs of "
                     "the slice allocation")
    stages = [
        ("Traffic at the antennas", C_TRAFFIC,
         "$d^s_a(t)$: demand of service $s$\nat antenna $a$ in slot $t$\n(Mbps, 5-min slots)"),
        ("Aggregation", C_AGG,
         "per level and management\ninterval $i$ ($k$ slots):\n"
         "$d^s_n(i)=\\frac{1}{k}\\sum_t\\sum_{a\\in n} d^s_a(t)$\n"
         "aggregate $D_n(i)=\\sum_s d^s_n(i)$"),
        ("Decomposition", C_DEC,
         "estimate $\\hat d^s_n(i)$ from the\nlast $T$ aggregates\n"
         "$D(i-T+1),\\ldots,D(i)$\n(one lane per decomposer)"),
        ("Allocation", C_ALLOC,
         "capacity per slice\n$x^s_n(i)=\\hat d^s_n(i)\\,(1+h)$\n"
         "antennas: spectrum (PRBs)\ndatacenters: VNF cores"),
        ("Cost accounting", C_COST,
         "SLA: $\\alpha\\,\\mathrm{max}_i\\,d^s_n(i)$ per\ninterval with $x<d$\n"
         "overprovisioning: $(x-d)^+$\nMAE, NMAE of $\\hat d$"),
    ]
    x0, w, gap, top = 1.55, 1.95, 0.27, 4.3
    for k, (title, colour, body) in enumerate(stages):
        x = x0 + k * (w + gap)
        box(ax, x, top + 1.75, w, 0.55, title, colour, size=9, weight="bold")
        box(ax, x, top, w, 1.7, body, colour, size=7.5)
        if k > 0:
            arrow(ax, (x - gap, top + 2.02), (x, top + 2.02), lw=1.4)

    # The two modes: one row each, one cell per stage.
    rows = [
        ("Fluid mode\n(default;\nmicroscope-slicing)", 2.3, [
            "SyntheticTrafficGenerator,\nTraceTrafficSource or\nthe Milan data set;\n"
            "792 antennas, 85 days",
            "SlotOrchestrator sums the\nantennas into MEC, C-RAN\nand core datacenters\n"
            "(METIS partitions of the\nantennas' Delaunay graph)",
            "models: neural (MLP, CNN, LSTM,\nConvLSTM, ZipNet, DefCNN,\n3D-DefCNN), cost-aware, forecast\n"
            "baselines: oracle, historical,\nlinear, historical-tuned,\nquantile, deepcog",
            "SpectrumAllocator: fractional\nPRBs at 3.705 bit/s/Hz, LTE\nchannel, baseband CPU\n"
            "VnfAllocator: 26 cores per\nGbps, rounded up per slice",
            "CostAccountant: costs from\nallocation against truth;\nsummary.json, table3.csv,\n"
            "node_costs.csv, slots.csv",
        ]),
        ("Packet-level\nmode\n(microscope-\nlte-slicing)", 0.25, [
            "ServiceTrafficApplication:\nUDP flows per UE and service\nthrough core, C-RAN and MEC\n"
            "VNFs to LTE eNBs (EPC)",
            "LteSliceController measures\nthe eNB aggregate (PDCP\nTxPDU) and the bytes\n"
            "arriving at each VNF",
            "the same decomposers,\ntrained on the demand\nmodel's slots before\nthe mapped start",
            "quotas in whole RBGs to the\nSliceFfMacScheduler (STRICT\nor LEND); cores to each\n"
            "VnfApplication's slice queue",
            "measured: delivered share\nand delay p95 against the\nslice's SLA; and the fluid\n"
            "costs of the same allocation",
        ]),
    ]
    colours = [s[1] for s in stages]
    for label, y, cells in rows:
        box(ax, 0.08, y, 1.35, 1.85, label, C_NEUTRAL, size=8, weight="bold")
        for k, text in enumerate(cells):
            x = x0 + k * (w + gap)
            box(ax, x, y, w, 1.85, text, colours[k], size=7, lw=0.6)
            if k > 0:
                arrow(ax, (x - gap, y + 0.92), (x, y + 0.92), lw=0.9)
    return fig


# --------------------------------------------------------------------------------------------
# b. One slot through the SlotOrchestrator
# --------------------------------------------------------------------------------------------


def diagram_slot():
    fig, ax = canvas(13.2, 9.6, "One slot through the SlotOrchestrator (ProcessSlot, "
                     "CompleteInterval)")
    # Left column: the slot; right column: the lanes of a completed interval.
    lx, lw_ = 0.3, 4.1
    steps = [
        (8.35, "Slot $k$: the event scheduled at $k\\cdot$SlotDuration", C_NEUTRAL),
        (7.35, "ReadSlot: the slot's demand $d^s_a(k)$ from the TrafficSource\n"
               "(or from the read-ahead of a batching lane); wrong shape,\n"
               "NaN or negative values: InputError", C_TRAFFIC),
        (6.25, "for each active level (antenna, MEC, C-RAN, core):\n"
               "AccumulateSlot adds the slot into the interval's sum\n"
               "(antennas summed into their datacenter)", C_AGG),
    ]
    for y, text, colour in steps:
        box(ax, lx, y, lw_, 0.8 if "\n" in text else 0.55, text, colour, size=7.5)
    arrow(ax, (lx + lw_ / 2, 8.35), (lx + lw_ / 2, 8.15))
    arrow(ax, (lx + lw_ / 2, 7.35), (lx + lw_ / 2, 7.05))
    trace(ax, lx + lw_ + 0.25, 7.57, "trace Demand(slot, demand)")
    arrow(ax, (lx + lw_, 7.75), (lx + lw_ + 0.25, 7.75), ls="--", lw=0.8)
    diamond(ax, lx + lw_ / 2, 5.55, 2.6, 0.8, "interval complete?\n($k$ slots summed)")
    arrow(ax, (lx + lw_ / 2, 6.25), (lx + lw_ / 2, 5.95))
    box(ax, lx, 3.95, lw_, 0.95,
        "FinishInterval: truth $d^s_n(i)$ = mean of the slots;\n"
        "aggregate snapshot $D(i)$ pushed into the level's\n"
        "AggregateHistory (the last T, shared by the lanes)", C_AGG, size=7.5)
    arrow(ax, (lx + lw_ / 2, 5.15), (lx + lw_ / 2, 4.9), "yes", offset=(0.06, 0))
    trace(ax, lx + lw_ + 0.25, 4.25, "trace Interval(level, i,\nfirstSlot, truth)", h=0.5)
    arrow(ax, (lx + lw_, 4.5), (lx + lw_ + 0.25, 4.5), ls="--", lw=0.8)
    box(ax, lx, 2.45, lw_, 0.9, "for each lane with a decomposer at the level\n"
        "(in the order added; the first is the primary)  $\\rightarrow$", C_DEC, size=7.5)
    arrow(ax, (lx + lw_ / 2, 3.95), (lx + lw_ / 2, 3.35))
    box(ax, lx, 1.05, lw_, 0.8, "next level; after the four levels: a progress line\n"
        "every ProgressDays days (std::clog)", C_NEUTRAL, size=7.5)
    polyline(ax, [(lx + lw_ / 2 - 1.3, 5.55), (lx + 0.05 - 0.2, 5.55), (lx - 0.15, 1.45),
                  (lx, 1.45)])
    ax.text(lx + 0.2, 5.68, "no", fontsize=7)
    arrow(ax, (lx + lw_ / 2, 2.45), (lx + lw_ / 2, 1.85), "after the last lane",
          offset=(0.06, 0))
    box(ax, lx, 0.1, lw_, 0.65, "schedule slot $k+1$ after SlotDuration;\n"
        "after the last slot: Finish() (the accountant prices the fees)", C_NEUTRAL, size=7.5)
    arrow(ax, (lx + lw_ / 2, 1.05), (lx + lw_ / 2, 0.75))

    # The lane loop.
    rx, rw = 7.35, 3.2
    tx = rx + rw + 0.22
    ax.add_patch(Rectangle((rx - 0.35, 0.15), 5.95, 8.75, facecolor="none", edgecolor="#999999",
                           lw=0.8, ls=":"))
    ax.text(rx - 0.25, 8.72, "one lane at one level, interval $i$ (every branch ends with the next lane)",
            fontsize=8, style="italic",
            va="center")
    arrow(ax, (lx + lw_, 2.9), (rx - 0.35, 2.9), lw=0.9, ls=":")
    diamond(ax, rx + rw / 2, 8.05, 2.2, 0.7, "training day?")
    box(ax, tx, 7.82, 2.1, 0.48, "Train(ctx, history, truth)", C_DEC, size=7)
    arrow(ax, (rx + rw / 2 + 1.1, 8.05), (tx, 8.05), "yes", offset=(-0.1, 0.1), ha="center")
    box(ax, rx, 6.8, rw, 0.6, "once: EndTraining(); after the validation\ndays: EndValidation()",
        C_DEC, size=7)
    arrow(ax, (rx + rw / 2, 7.7), (rx + rw / 2, 7.4), "no")
    diamond(ax, rx + rw / 2, 6.1, 2.9, 0.75, "evaluated day, or\nDecomposeUnevaluated?")
    arrow(ax, (rx + rw / 2, 6.8), (rx + rw / 2, 6.475))
    box(ax, tx, 5.86, 2.1, 0.48, "Validate() (validation\ndays), Observe()", C_DEC, size=7)
    arrow(ax, (rx + rw / 2 + 1.45, 6.1), (tx, 6.1), "no", offset=(-0.1, 0.1), ha="center")
    box(ax, rx, 4.85, rw, 0.75, "Decompose(ctx, history) $\\rightarrow\\hat d$\n"
        "(a batching lane first Prefetch()es\nits next intervals)", C_DEC, size=7)
    arrow(ax, (rx + rw / 2, 5.725), (rx + rw / 2, 5.6), "yes", offset=(0.06, 0.02))
    box(ax, rx, 3.85, rw, 0.75, "CheckEstimate: shape, finite (else\nInputError); conserving lanes "
        "repaired\nto $\\hat d\\geq 0$, $\\sum_s\\hat d=D$ (counted)", C_DEC, size=7)
    arrow(ax, (rx + rw / 2, 4.85), (rx + rw / 2, 4.6))
    box(ax, rx, 2.85, rw, 0.75, "Allocate $x=\\hat d\\,(1+h)$: SpectrumAllocator\n(antenna level) "
        "or VnfAllocator\n(datacenter levels)", C_ALLOC, size=7)
    arrow(ax, (rx + rw / 2, 3.85), (rx + rw / 2, 3.6))
    trace(ax, tx, 3.28, "trace Estimate(lane, level,\ni, truth, estimate)", h=0.5)
    trace(ax, tx, 2.68, "trace Allocation(lane,\nlevel, i, allocation)", h=0.5)
    arrow(ax, (rx + rw, 3.35), (tx, 3.5), ls="--", lw=0.8)
    arrow(ax, (rx + rw, 3.1), (tx, 2.93), ls="--", lw=0.8)
    box(ax, rx, 1.8, rw, 0.75, "evaluated day: CostAccountant::Account\n(violations counted; "
        "fees priced\nwith the peaks at the end)", C_COST, size=7)
    arrow(ax, (rx + rw / 2, 2.85), (rx + rw / 2, 2.55))
    trace(ax, tx, 1.72, "trace Cost(lane, level, i, over,\nshortfall, violations, evaluated):\n"
          "every decomposed interval", h=0.8)
    arrow(ax, (rx + rw, 2.17), (tx, 2.17), ls="--", lw=0.8)
    box(ax, rx, 0.35, rw, 0.75, "the interval is over: Validate()\n(validation days); "
        "Observe(ctx, truth)", C_DEC, size=7)
    arrow(ax, (rx + rw / 2, 1.8), (rx + rw / 2, 1.1))
    return fig


# --------------------------------------------------------------------------------------------
# c. One TTI of the slice scheduler
# --------------------------------------------------------------------------------------------

# The worked example: 5 MHz (25 PRBs, RBG size 2, 12 usable RBGs), three slices with quotas of
# 8, 6 and 4 PRBs; slice A needs 6 RBGs, B 1 and C 2; one SRB message needs 1 RBG and the
# unsliced default bearer 1. RBGs are taken lowest index first, groups in the order below.
TTI_GROUPS = [("SRB", "#9e9e9e"), ("slice A", "#4c72b0"), ("slice B", "#55a868"),
              ("slice C", "#c44e52"), ("A, lent", "#a5b8dd"), ("unsliced DRB", "#8172b2"),
              ("idle", "#ffffff")]


def tti_assignment(lend):
    """The owner of each of the 12 RBGs in the worked example, as the scheduler assigns them."""
    n_rbg, g = 12, 2
    quota = {"slice A": 8, "slice B": 6, "slice C": 4}
    need = {"SRB": 1, "slice A": 6, "slice B": 1, "slice C": 2, "unsliced DRB": 1}
    owner = []
    got = {k: 0 for k in need}
    # 0. SRBs first.
    while got["SRB"] < need["SRB"] and len(owner) < n_rbg:
        owner.append("SRB")
        got["SRB"] += 1
    # 1. each slice within its quota.
    for s in ("slice A", "slice B", "slice C"):
        while got[s] < need[s] and (got[s] + 1) * g <= quota[s] and len(owner) < n_rbg:
            owner.append(s)
            got[s] += 1
    # 2. LEND: idle RBGs one at a time, round-robin over the slices with unmet need.
    if lend:
        progress = True
        while progress and len(owner) < n_rbg:
            progress = False
            for s in ("slice A", "slice B", "slice C"):
                if got[s] < need[s] and len(owner) < n_rbg:
                    owner.append("A, lent" if s == "slice A" else s)
                    got[s] += 1
                    progress = True
    # 3. the unsliced DRBs with what is left.
    while got["unsliced DRB"] < need["unsliced DRB"] and len(owner) < n_rbg:
        owner.append("unsliced DRB")
        got["unsliced DRB"] += 1
    owner += ["idle"] * (n_rbg - len(owner))
    return owner


def diagram_tti():
    fig, ax = canvas(12.6, 8.4, "One downlink TTI of the SliceFfMacScheduler "
                     "(DoSchedDlTriggerReq)")
    x, w = 0.3, 5.6
    steps = [
        ("SchedDlTriggerReq, every 1 ms: age the CQIs; BuildRarList: random-access\n"
         "responses with their Msg3 UL grants", C_NEUTRAL, 0.62),
        ("CollectBackloggedLcs, in groups: slices 0..n-1 (SetLcSlice, LCIDs 3-10), the unsliced\n"
         "DRBs, the SRBs (LCIDs 0-2). Need of an LC: the smallest multiple of g PRBs\n"
         "whose TB carries its backlog at the UE's MCS (CQI 0: skipped)", C_TRAFFIC, 0.85),
        ("Round-robin order in each group: start after the LC served first in the\n"
         "previous TTI", C_TRAFFIC, 0.62),
        ("0. ServeWithoutQuota(SRBs) first: each takes RBGs until its need is met", "#dddddd",
         0.5),
        ("1. ServeSlicesWithinQuotas: each slice's LCs take RBGs while the slice's PRBs\n"
         "plus $g$ stay $\\leq q$, its quota (at most $\\lfloor q/g\\rfloor$ RBGs)", C_DEC, 0.62),
        ("2. LendIdleRbgs (LEND only): idle RBGs one at a time, round-robin over the slices whose\n"
         "LCs still need some; the round starts after last TTI's first borrower", C_ALLOC, 0.62),
        ("3. ServeWithoutQuota(unsliced DRBs): the RBGs still idle, in round-robin order",
         "#e4dff0", 0.5),
        ("4. BuildDlDcis, one DCI per UE: the RBGs of all its LCs in one type-0 bitmap; the TB\n"
         "(UE's MCS, all its PRBs) split among its LCs in proportion to their PRBs\n"
         "(an LC whose share is < 4 bytes gives it to the others); buffers decreased",
         C_COST, 0.85),
        ("trace SliceTti(frame, subframe, slice, quotaPrb, usedPrb, lentPrb), once per\n"
         "slice; lentPrb = usedPrb - quota when positive (0 in STRICT mode)", C_TRACE, 0.62),
    ]
    y = 7.75
    for k, (text, colour, h) in enumerate(steps):
        y -= h
        if colour == C_TRACE:
            box(ax, x, y, w, h, text, colour, size=7.3, ha="left", style="square", ls="--",
                lw=0.8)
        else:
            box(ax, x, y, w, h, text, colour, size=7.3, ha="left")
        if k > 0:
            arrow(ax, (x + w / 2, y + h + 0.13), (x + w / 2, y + h))
        y -= 0.13
    ax.text(x + w + 0.1, 4.55, "RbgPool: RBGs\nare taken lowest\nindex first", fontsize=7,
            style="italic", va="center")

    # The worked example on the right.
    ex = 7.15
    ax.text(ex, 7.45, "Worked example: 5 MHz (25 PRBs, RBG size $g$ = 2, 12 usable RBGs)",
            fontsize=8.5, weight="bold")
    ax.text(ex, 7.05, "quotas A 8, B 6, C 4 PRBs; needs A 6, B 1, C 2 RBGs;\n"
            "one SRB message and the default bearer need 1 RBG each", fontsize=7.5,
            va="center")
    colours = dict(TTI_GROUPS)
    cell = 0.41
    for row, (mode, lend) in enumerate((("STRICT", False), ("LEND", True))):
        yy = 5.9 - row * 1.45
        ax.text(ex, yy + cell + 0.18, mode, fontsize=8.5, weight="bold")
        owner = tti_assignment(lend)
        for i, o in enumerate(owner):
            ax.add_patch(Rectangle((ex + i * cell, yy), cell, cell, facecolor=colours[o],
                                   edgecolor=EDGE, lw=0.6, hatch="//" if o == "A, lent" else None))
            ax.text(ex + i * cell + cell / 2, yy - 0.13, str(i), ha="center", va="center",
                    fontsize=6)
        used = {s: 2 * sum(1 for o in owner if o == s or (s == "slice A" and o == "A, lent"))
                for s in ("slice A", "slice B", "slice C")}
        lent = max(0, used["slice A"] - 8)
        ax.text(ex, yy - 0.42, "SliceTti (quota, used, lent PRBs): A (8, %d, %d), B (6, %d, 0), "
                "C (4, %d, 0)" % (used["slice A"], lent, used["slice B"], used["slice C"]),
                fontsize=7)
    # Legend.
    for i, (name, colour) in enumerate(TTI_GROUPS):
        lx = ex + (i % 4) * 1.3
        ly = 2.75 - (i // 4) * 0.35
        ax.add_patch(Rectangle((lx, ly), 0.25, 0.22, facecolor=colour, edgecolor=EDGE, lw=0.6,
                               hatch="//" if name == "A, lent" else None))
        ax.text(lx + 0.32, ly + 0.11, name, fontsize=7, va="center")
    ax.text(ex, 1.55, "In STRICT mode slice A stops at $\\lfloor 8/2\\rfloor$ = 4 RBGs with "
            "backlog left,\nand three RBGs stay idle; in LEND mode it borrows two of them. A quota\n"
            "that is not a multiple of $g$ leaves its remainder to the others.", fontsize=7.5,
            va="center")
    return fig


DIAGRAMS = {"pipeline": diagram_pipeline, "slot": diagram_slot, "tti": diagram_tti}


def main(argv):
    ap = argparse.ArgumentParser(prog="diagrams.py", description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "..", "doc",
                                                                   "figures")),
                    help="output folder (default: the module's doc/figures)")
    ap.add_argument("--format", default="png,svg", help="comma-separated: png, svg, pdf")
    ap.add_argument("--only", help="comma-separated diagrams: " + ", ".join(DIAGRAMS))
    ap.add_argument("--dpi", type=int, default=100, help="PNG resolution (default 100)")
    args = ap.parse_args(argv)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    for f in formats:
        if f not in ("png", "svg", "pdf"):
            print(f"diagrams.py: error: --format: expected png, svg or pdf, got {f!r}",
                  file=sys.stderr)
            return 2
    if not formats:
        print("diagrams.py: error: --format: empty", file=sys.stderr)
        return 2
    try:
        names = parse_names(args.only, list(DIAGRAMS), "--only", "diagram")
    except ValueError as e:
        print(f"diagrams.py: error: {e}", file=sys.stderr)
        return 2
    if not 30 <= args.dpi <= 600:
        print(f"diagrams.py: error: --dpi: expected 30 to 600, got {args.dpi}", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    for name in names:
        fig = DIAGRAMS[name]()
        for f in formats:
            final = os.path.join(args.out, f"diagram-{name}.{f}")
            part = final + ".part"
            meta = {"Date": None} if f == "svg" else {"Software": None}
            if f == "pdf":
                meta = {"CreationDate": None, "ModDate": None}
            fig.savefig(part, format=f, metadata=meta, dpi=args.dpi)
            os.replace(part, final)
            print(final)
        plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
