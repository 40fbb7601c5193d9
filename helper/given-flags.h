/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_GIVEN_FLAGS_H
#define MICROSCOPE_GIVEN_FLAGS_H

#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Which flags the user gave on the command line, so that an example can refuse (or
 * warn about) a flag that has no effect in the mode it runs in, rather than ignore it.
 *
 * The flags' variables keep their real defaults (so --PrintHelp shows them); this class reads
 * the argument list the way ns-3's CommandLine does: an argument `--name=value`, `--name`,
 * `-name=value` or `-name` gives the flag `name`. Arguments after a bare `--` and arguments
 * without a leading dash are not flags.
 *
 * \code
 *   CommandLine cmd(__FILE__);
 *   ...
 *   cmd.Parse(argc, argv);
 *   const GivenFlags given(argc, argv);
 *   if (scheduler == "pf")
 *   {
 *       given.Reject({"sharing", "fixed-quotas"}, "with --scheduler=pf (no slice quotas)");
 *   }
 * \endcode
 */
class GivenFlags
{
public:
    /**
     * \param argc the argument count of main().
     * \param argv the arguments of main().
     */
    GivenFlags(int argc, char* argv[]);

    /**
     * \param args the arguments, without the program name.
     */
    explicit GivenFlags(const std::vector<std::string>& args);

    /**
     * \param name a flag's name, without dashes.
     * \return whether the user gave it.
     */
    bool Has(const std::string& name) const;

    /// \return the names of the flags given, in order, without dashes (repeats included).
    const std::vector<std::string>& GetNames() const;

    /**
     * Refuse the flags that have no effect.
     * \param names flags' names, without dashes.
     * \param why when they have no effect, e.g. "with --scheduler=pf (no slice quotas)".
     * \throw InputError naming the first of them the user gave: "--NAME: has no effect WHY".
     */
    void Reject(const std::vector<std::string>& names, const std::string& why) const;

    /**
     * Refuse every flag given except some, and ns-3's own (attribute paths such as
     * --ns3::Type::Attribute, global values such as --RngRun, --Print*).
     * \param allowed the flags' names that have an effect, without dashes.
     * \param why when the others have no effect.
     * \throw InputError naming the first other flag given.
     */
    void RejectAllExcept(const std::vector<std::string>& allowed, const std::string& why) const;

    /**
     * Warn about flags that have no effect but that users pass routinely: one line
     * "PROGRAM: warning: --NAME has no effect WHY" on a stream, once per flag and object.
     * \param program the program's name, for the message.
     * \param names flags' names, without dashes.
     * \param why when they have no effect.
     * \param os the stream (default: std::cerr).
     * \return the number of warnings printed.
     */
    uint32_t Warn(const std::string& program,
                  const std::vector<std::string>& names,
                  const std::string& why,
                  std::ostream& os = std::cerr) const;

    /**
     * \param name a flag's name, without dashes.
     * \return whether it belongs to ns-3 itself (an attribute path, a global value, a
     *         --Print* request) rather than to the example.
     */
    static bool IsNs3Flag(const std::string& name);

private:
    std::vector<std::string> m_names;       //!< the flags given
    mutable std::set<std::string> m_warned; //!< flags already warned about
};

} // namespace ns3

#endif /* MICROSCOPE_GIVEN_FLAGS_H */
