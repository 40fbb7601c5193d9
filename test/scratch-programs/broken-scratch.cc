/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A scratch program that does not compile (test/scratch-bad-input-check.cmake): line 13 uses
 * an undeclared name.
 */

#include "ns3/network-level.h"

int
main()
{
    return ns3::NoSuchFunctionInTheModule();
}
