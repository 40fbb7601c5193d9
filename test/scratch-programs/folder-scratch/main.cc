/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A scratch program made of a folder (main.cc, level-names.cc, level-names.h) for the scratch
 * checks (test/scratch-check.cmake).
 */

#include "level-names.h"

#include <iostream>

int
main()
{
    std::cout << "folder-scratch: " << LevelNames() << "\n";
    return 0;
}
