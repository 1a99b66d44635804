#include "searcher/match_count.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <unordered_set>

namespace bw {
namespace {

// Remembers how many matches the match saw (before folding) and the last docid it reached
// (matches arrive in docid order on one database).
class LastMatchSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& doc, double) override {
        ++seen_;
        last_ = std::max(last_, doc.get_docid());
    }
    Xapian::doccount seen() const { return seen_; }
    Xapian::docid last() const { return last_; }

private:
    Xapian::doccount seen_ = 0;
    Xapian::docid last_ = 0;
};

// Counts the matches it sees and the distinct values of a slot among them.
class DistinctValueSpy : public Xapian::MatchSpy {
public:
    explicit DistinctValueSpy(Xapian::valueno slot) : slot_(slot) {}
    void operator()(const Xapian::Document& doc, double) override {
        ++matches_;
        values_.insert(doc.get_value(slot_));
    }
    Xapian::doccount matches() const { return matches_; }
    Xapian::doccount distinct() const { return static_cast<Xapian::doccount>(values_.size()); }

private:
    Xapian::valueno slot_;
    Xapian::doccount matches_ = 0;
    std::unordered_set<std::string> values_;
};

}  // namespace

// How many matches fold away as copies of another match: M - K over the matches with a key.
Xapian::doccount count_folded_copies(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno key,
                               double time_limit) {
    if (db.get_value_freq(key) == 0) return 0;  // no copies in the archive
    Xapian::Enquire keyed(db);
    // The documents with a key, straight from the slot's value stream (weight 0 for every key:
    // a ValueWeightPostingSource would weigh a key as a serialised number, negative for most).
    Xapian::ValueMapPostingSource with_key(key);
    with_key.set_default_weight(0);
    keyed.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&with_key)));
    keyed.set_weighting_scheme(Xapian::BoolWeight());
    if (time_limit > 0) keyed.set_time_limit(time_limit);
    DistinctValueSpy spy(key);
    keyed.add_matchspy(&spy);
    keyed.get_mset(0, 0, db.get_doccount());
    return spy.matches() - spy.distinct();
}

MatchCount count_matches(const Xapian::Database& db, const Xapian::Query& query, const CountOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    auto spent = [&start] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    // Xapian's time limit ends a match quietly and then reports what it saw as if it were all, so
    // whether the limit passed is read from the clock, whichever pass (or walk) ran.
    auto out_of_time = [&] { return options.time_limit > 0 && spent() >= options.time_limit; };
    // Copies are counted apart only when every match is counted: a bounded count with folding
    // stops after count_to folded matches, cheaper than folding all of them apart.
    const bool apart = options.collapse_key && options.count_copies_apart && options.count_to >= db.get_doccount();
    const Xapian::doccount folded = apart ? count_folded_copies(db, query, *options.collapse_key, options.time_limit) : 0;
    const Xapian::doccount count_to = options.count_to;

    Xapian::Enquire counting(db);
    counting.set_query(query);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    const bool folding = options.collapse_key && !apart;
    if (folding) counting.set_collapse_key(*options.collapse_key);
    if (options.spies.empty() && !options.columns && !folding) {
        // Without folding or spies, a query whose bounds Xapian knows to be equal before matching
        // (one term: its frequency) needs no pass at all.
        const Xapian::MSet bounds = counting.get_mset(0, 0, Xapian::doccount{0});
        if (bounds.get_matches_lower_bound() == bounds.get_matches_upper_bound()) {
            const Xapian::doccount plain = bounds.get_matches_lower_bound();
            return {plain - std::min(plain, folded), !out_of_time()};
        }
    }
    if (options.time_limit > 0) counting.set_time_limit(std::max(1e-6, options.time_limit - spent()));
    if (options.columns && options.spies.empty() && !folding && count_to >= db.get_doccount() &&
        query.get_type() == Xapian::Query::LEAF_TERM) {
        // One term: its matches are its postings. Under a time limit the clock is read every 4,096
        // postings; a walk cut short leaves the facets partial and the total flagged, as a match would.
        const std::string term = *query.get_terms_begin();
        bool timed_out = false;
        Xapian::doccount walked = 0;
        for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting, ++walked) {
            if (walked % 4096 == 4095 && (timed_out = out_of_time())) break;
            options.columns->count(*posting);
        }
        timed_out = timed_out || out_of_time();  // the copies' pass counts against the limit too
        const Xapian::doccount plain = db.get_termfreq(term);
        return {plain - std::min(plain, folded), !timed_out};
    }
    for (Xapian::MatchSpy* spy : options.spies) counting.add_matchspy(spy);
    if (options.columns) counting.add_matchspy(options.columns);
    LastMatchSpy last;
    if (options.extrapolate) counting.add_matchspy(&last);
    const Xapian::MSet counted = counting.get_mset(0, 0, count_to);
    const bool timed_out = out_of_time();

    // Xapian stops early only after it has kept count_to matches (after folding, when it folds):
    // a lower bound below that means it saw them all, and is the exact count. (With collapsing the
    // upper bound and estimate stay loose and the uncollapsed lower bound starts at the smallest
    // term frequency of the query, so neither of those tells.)
    MatchCount count;
    const Xapian::doccount seen = counted.get_matches_lower_bound();
    count.exact = !timed_out && (seen < count_to || count_to >= db.get_doccount());
    if (count.exact) {
        count.total = seen;
    } else if (options.extrapolate && last.last() > 0) {
        // What was seen up to the last docid: the folded matches kept when folding, otherwise
        // the matches themselves (the lower bound may be a term's frequency, known before matching).
        const Xapian::doccount base = folding ? seen : last.seen();
        const double projected = std::round(static_cast<double>(base) * db.get_lastdocid() / last.last());
        count.total = std::clamp(static_cast<Xapian::doccount>(projected), seen, std::max(seen, counted.get_matches_upper_bound()));
    } else {
        count.total = counted.get_matches_estimated();
    }
    count.total -= std::min(count.total, folded);
    return count;
}

}  // namespace bw
