/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef LEVEL_NAMES_H
#define LEVEL_NAMES_H

#include <string>

/// \return the module's network level names, space-separated.
std::string LevelNames();

#endif /* LEVEL_NAMES_H */
