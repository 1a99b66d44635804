// Facet counting from columns held in memory, as Elasticsearch does with doc values and global
// ordinals: a facet slot's values are read once into an array indexed by docid (an ordinal per
// distinct value, multi-value lists split into their members up front), so counting a match is
// one array increment instead of a value read and a string-map update per facet (measured at
// 1,000,000 documents in bench/results/scale_1m.json). Only for a single local database: a stock
// xapian-tcpsrv can neither stream a slot nor run a custom MatchSpy, and over several shards
// Xapian 1.4 gives a spy shard-local docids, so sharded archives keep Xapian's ValueCountMatchSpy
// (searcher/facets.h). A column describes one revision of the database: whoever reopens the
// database must drop it (Searcher does).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/response.h"

namespace bw {

// One slot's values for every document of one revision: docid -> member values (indexes into a
// table of the distinct values).
class FacetColumn {
public:
    // Reads every value of `slot` (one pass over Xapian's value stream). With `multi`, values are
    // lists encoded by core/multivalue.h and each list counts for each of its members.
    static std::unique_ptr<FacetColumn> read(const Xapian::Database& db, Xapian::valueno slot, bool multi);

    // Adds one to the tally of each of the document's member values (none beyond the documents read).
    void count(Xapian::docid did, std::vector<std::uint32_t>& per_member) const {
        if (multi_) {
            if (did + 1 >= starts_.size()) return;
            for (std::uint32_t i = starts_[did], end = starts_[did + 1]; i < end; ++i) ++per_member[values_[i]];
        } else if (did < values_.size() && values_[did]) {
            ++per_member[values_[did] - 1];
        }
    }
    // Distinct member values (the size of a per-member tally).
    std::size_t member_count() const { return names_.size(); }
    // Documents per member value, from a per-member tally. Empty members are not counted, as
    // ValueCountMatchSpy does not count empty values.
    std::map<std::string, std::size_t> value_counts(const std::vector<std::uint32_t>& per_member) const;
    // top_values() of value_counts() (searcher/facets.h: spellings that differ only in case merged,
    // the most frequent kept), without building a map of every value: case folding is done once
    // per distinct value when the column is read.
    std::vector<FacetValue> top_values(const std::vector<std::uint32_t>& per_member, std::size_t limit) const;
    // Bytes held (the docid array, the member table and the member strings), for the benchmark note.
    std::size_t memory_bytes() const;

private:
    // A multi column is compressed rows by docid: document d's members are
    // values_[starts_[d] .. starts_[d + 1]). A single-valued one has no starts_ and values_[d] is
    // d's member + 1 (0: no value). Either way a match in docid order reads both arrays in order.
    bool multi_ = false;
    std::vector<std::uint32_t> starts_;
    std::vector<std::uint32_t> values_;
    std::vector<std::string> names_;           // distinct member values
    std::vector<std::uint32_t> fold_group_;    // by member: members with the same case-folded value share one
    std::size_t fold_groups_ = 0;
};

// A MatchSpy that tallies matches per member value of several columns at once (one virtual call
// per match for all facets). The columns must outlive the spy and belong to the revision being searched.
class FacetColumnSpy : public Xapian::MatchSpy {
public:
    // Returns the tally index for value_counts() and top_values().
    std::size_t add(const FacetColumn& column);
    void operator()(const Xapian::Document& doc, double /*weight*/) override { count(doc.get_docid()); }
    // The same for a docid met outside a match (searcher/match_count.h walks a term's postings).
    void count(Xapian::docid did) {
        for (auto& tally : tallies_) tally.column->count(did, tally.per_member);
    }
    std::map<std::string, std::size_t> value_counts(std::size_t tally) const;
    std::vector<FacetValue> top_values(std::size_t tally, std::size_t limit) const;

private:
    struct Tally {
        const FacetColumn* column;
        std::vector<std::uint32_t> per_member;
    };
    std::vector<Tally> tallies_;
};

}  // namespace bw
