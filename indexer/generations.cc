#include "indexer/generations.h"

#include <cstdlib>

#include "core/metadata.h"
#include "core/slots.h"

namespace bw {

GenerationStamper::GenerationStamper(Xapian::WritableDatabase& db) : db_(db), current_(committed_generation(db) + 1) {}

void GenerationStamper::stamp(Xapian::Document& doc, const std::string& id_term) const {
    std::string generation = Xapian::sortable_serialise(static_cast<double>(current_));
    Xapian::PostingIterator it = db_.postlist_begin(id_term);
    if (it != db_.postlist_end(id_term)) {
        Xapian::Document stored = db_.get_document(*it);
        std::string previous = stored.get_value(kSlotGeneration);
        if (!previous.empty() && stored.get_data() == doc.get_data()) generation = previous;
    }
    doc.add_value(kSlotGeneration, generation);
}

void GenerationStamper::record() const { db_.set_metadata(kGenerationKey, std::to_string(current_)); }

}  // namespace bw
