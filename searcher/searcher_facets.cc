// The Searcher's facet counting: which spy or in-memory column counts each facet, and the values
// it reports (split from searcher.cc; see searcher/facets.h and searcher/facet_columns.h).
#include <map>

#include "core/errors.h"
#include "core/slots.h"
#include "searcher/facets.h"
#include "searcher/searcher.h"

namespace bw {
namespace {

constexpr double kColumnAfterShare = 0.25;  // see Searcher::facet_column

}  // namespace

Searcher::FacetSpy Searcher::make_facet_spy(const std::string& facet, FacetColumnSpy& column_spy) {
    FacetSpy entry;
    if (facet == "type") {
        entry.slot = kSlotType;
    } else if (facet == "date") {
        entry.slot = kSlotDay;
        entry.date = true;
    } else {
        const auto* targets = fields_->lookup(facet);
        std::optional<Xapian::valueno> slot;
        if (targets) {
            for (const auto& t : *targets) {
                if (t.field->role == FieldRole::Keyword && t.field->facet && t.field->slot) slot = t.field->slot;
            }
        }
        if (!slot)
            throw UsageError("unknown facet '" + facet + "' (try ticker, actor, topic, place, source, author, type, date)");
        entry.slot = *slot;
        entry.multi = true;
    }
    if (const FacetColumn* column = facet_column(entry.slot, entry.multi)) entry.tally = column_spy.add(*column);
    else entry.spy = std::make_unique<Xapian::ValueCountMatchSpy>(entry.slot);
    return entry;
}

const FacetColumn* Searcher::facet_column(Xapian::valueno slot, bool multi) {
    // Xapian 1.4 hands a MatchSpy the document's docid within its shard, not the combined one
    // (measured: 300 matches over 3 shards arrive as docids 1..102), so a docid-indexed column
    // only works on a single database. Sharded archives, local or remote, keep the spies.
    if (remote_ || db_.size() != 1) return nullptr;
    if (auto found = facet_columns_.find(slot); found != facet_columns_.end()) return found->second.get();
    // Reading a column costs about what the spy costs on kColumnAfterShare of the documents
    // (measured at 1M: bench/results/scale_1m.json): pay for it once the spies have done that much.
    const auto due = static_cast<std::size_t>(static_cast<double>(db_.get_doccount()) * kColumnAfterShare);
    if (values_spied_[slot] < due) return nullptr;
    return (facet_columns_[slot] = FacetColumn::read(db_, slot, multi)).get();
}

std::vector<FacetValue> Searcher::facet_values(const FacetSpy& entry, const FacetColumnSpy& column_spy,
                                               const std::string& date_buckets, std::size_t limit) const {
    if (entry.tally && !entry.date) return column_spy.top_values(*entry.tally, limit);
    std::map<std::string, std::size_t> counts;
    if (entry.tally) {
        counts = column_spy.value_counts(*entry.tally);
    } else if (entry.multi) {
        counts = multi_value_counts(*entry.spy);
    } else {
        for (auto v = entry.spy->values_begin(); v != entry.spy->values_end(); ++v) counts[*v] = v.get_termfreq();
    }
    return entry.date ? date_histogram(counts, date_buckets) : top_values(counts, limit);
}

}  // namespace bw
