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

namespace bw {

// One slot's values for every document of one revision: docid -> ordinal -> member values.
class FacetColumn {
public:
    // Reads every value of `slot` (one pass over Xapian's value stream). With `multi`, values are
    // lists encoded by core/multivalue.h and each list counts for each of its members.
    static std::unique_ptr<FacetColumn> read(const Xapian::Database& db, Xapian::valueno slot, bool multi);

    // 0 for a document without a value (or beyond the documents read).
    std::uint32_t ordinal(Xapian::docid did) const { return did < ordinals_.size() ? ordinals_[did] : 0; }
    // Ordinals run from 1 to ordinal_count() - 1.
    std::size_t ordinal_count() const { return member_begin_.size() - 1; }
    // Documents per member value, from documents per ordinal (indexed by ordinal; [0] is ignored).
    // Empty members are not counted, as ValueCountMatchSpy does not count empty values.
    std::map<std::string, std::size_t> value_counts(const std::vector<std::uint32_t>& per_ordinal) const;
    // Bytes held (the docid array, the member table and the member strings), for the benchmark note.
    std::size_t memory_bytes() const;

private:
    std::vector<std::uint32_t> ordinals_;      // by docid
    std::vector<std::uint32_t> member_begin_;  // ordinal o's members are members_[member_begin_[o] .. member_begin_[o + 1])
    std::vector<std::uint32_t> members_;       // indexes into names_
    std::vector<std::string> names_;           // distinct member values
};

// A MatchSpy that tallies matches per ordinal of several columns at once (one virtual call per
// match for all facets). The columns must outlive the spy and belong to the revision being searched.
class FacetColumnSpy : public Xapian::MatchSpy {
public:
    // Returns the tally index for value_counts().
    std::size_t add(const FacetColumn& column);
    void operator()(const Xapian::Document& doc, double weight) override;
    std::map<std::string, std::size_t> value_counts(std::size_t tally) const;

private:
    struct Tally {
        const FacetColumn* column;
        std::vector<std::uint32_t> per_ordinal;
    };
    std::vector<Tally> tallies_;
};

}  // namespace bw
