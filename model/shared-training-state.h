/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SHARED_TRAINING_STATE_H
#define MICROSCOPE_SHARED_TRAINING_STATE_H

#include "ns3/object.h"
#include "ns3/ptr.h"

#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief What the decomposers of one run learn in common: objects that several decomposers
 * would otherwise each build from the same training intervals, kept once under a key that
 * names what they hold and their shape.
 *
 * The SlotOrchestrator makes one per run (when its ShareTraining attribute is true) and hands
 * it to every decomposer through DecomposerSetup::sharedState. A decomposer that can share
 * looks its table up, and adds it if it is the first. Only objects whose training the
 * decomposers do identically belong here: every lane of a level sees the same training
 * intervals, in the same order, with the same truth (HistoricalShareTable checks the order).
 */
class SharedTrainingState : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SharedTrainingState();
    ~SharedTrainingState() override;

    /**
     * \param key what the object holds, and its shape.
     * \return the object kept under the key, or null.
     */
    Ptr<Object> Find(const std::string& key) const;

    /**
     * Keep an object under a key.
     * \param key what it holds, and its shape.
     * \param object the object.
     */
    void Add(const std::string& key, Ptr<Object> object);

    /// \return the objects kept.
    uint32_t GetN() const;

    /**
     * \param key a key.
     * \return how many times Find() returned the object under the key (its sharers beyond the
     *         first).
     */
    uint32_t GetNReuses(const std::string& key) const;

protected:
    void DoDispose() override;

private:
    std::map<std::string, Ptr<Object>> m_objects;     //!< by key
    mutable std::map<std::string, uint32_t> m_reuses; //!< Find() hits, by key
};

} // namespace ns3

#endif /* MICROSCOPE_SHARED_TRAINING_STATE_H */
