#include "searcher/ranked_window.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "searcher/copy_folding.h"
#include "searcher/parallel_count.h"
#include "searcher/ranking.h"

namespace bw {
namespace {

// Every docid in [low, high], weight 0: restricts a match to a docid range by OP_FILTER. The
// matcher moves it by skip_to from the query's rarer parts, so it costs one step per candidate.
class DocidRangeSource : public Xapian::PostingSource {
public:
    DocidRangeSource(Xapian::docid low, Xapian::docid high) : low_(low), high_(high) {}

    void init(const Xapian::Database&) override { current_ = 0; }
    // Docids may have gaps (deleted documents), so the range's size is only an upper bound.
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return high_ - low_ + 1; }
    Xapian::doccount get_termfreq_max() const override { return high_ - low_ + 1; }
    void next(double) override { current_ = current_ == 0 ? low_ : current_ + 1; }
    void skip_to(Xapian::docid did, double) override {
        if (did > current_) current_ = std::max(did, low_);
    }
    bool at_end() const override { return current_ > high_; }
    Xapian::docid get_docid() const override { return current_; }
    DocidRangeSource* clone() const override { return new DocidRangeSource(low_, high_); }
    std::string get_description() const override {
        return "DocidRangeSource(" + std::to_string(low_) + ".." + std::to_string(high_) + ")";
    }

private:
    Xapian::docid low_, high_;
    Xapian::docid current_ = 0;
};

// Watches one half's ranked pass: its first `check` matches (in docid order: all of them when the
// half saw all), the docid of the last of those, and their copy groups when `keys` are given.
class HalfMatchSpy : public Xapian::MatchSpy {
public:
    HalfMatchSpy(const CopyKeys* keys, Xapian::doccount check) : keys_(keys), check_(check) {}
    void operator()(const Xapian::Document& doc, double) override;
    Xapian::doccount seen() const { return seen_; }
    Xapian::docid last() const { return last_; }
    const std::vector<std::uint32_t>& groups() const { return groups_; }

private:
    const CopyKeys* keys_;
    Xapian::doccount check_;
    Xapian::doccount seen_ = 0;
    Xapian::docid last_ = 0;
    std::vector<std::uint32_t> groups_;
};

void HalfMatchSpy::operator()(const Xapian::Document& doc, double) {
    if (seen_ == check_) return;
    ++seen_;
    last_ = doc.get_docid();
    if (keys_) {
        if (const std::uint32_t group = keys_->group_of(last_)) groups_.push_back(group);
    }
}

// Fills `merged.copies` or `merged.projected` from the spies of its halves: the lower one over the
// docids [1, middle] ranked as `lower`, the upper one over [middle + 1, last] ranked as `upper`.
void count_from_halves(RankedWindow& merged, const RankedWindow& lower, const HalfMatchSpy& lower_spy,
                       const RankedWindow& upper, const HalfMatchSpy& upper_spy, Xapian::docid middle,
                       Xapian::docid last, bool with_copies) {
    Xapian::doccount copies = 0;
    if (with_copies) {
        // M matches with a copy group in K distinct groups fold into K.
        std::vector<std::uint32_t> groups = lower_spy.groups();
        groups.insert(groups.end(), upper_spy.groups().begin(), upper_spy.groups().end());
        std::sort(groups.begin(), groups.end());
        const auto distinct = std::unique(groups.begin(), groups.end()) - groups.begin();
        copies = static_cast<Xapian::doccount>(static_cast<std::ptrdiff_t>(groups.size()) - distinct);
    }
    if (merged.saw_all) {
        if (with_copies) merged.copies = copies;
        return;
    }
    auto project = [](const RankedWindow& half, const HalfMatchSpy& spy, Xapian::docid low, Xapian::docid high) {
        if (half.saw_all || spy.last() < low) return static_cast<double>(half.lower_bound);
        const double span = static_cast<double>(high - low + 1), reached = static_cast<double>(spy.last() - low + 1);
        return std::max(static_cast<double>(half.lower_bound), std::round(spy.seen() * span / reached));
    };
    const double total = project(lower, lower_spy, 1, middle) + project(upper, upper_spy, middle + 1, last);
    const Xapian::doccount seen = lower_spy.seen() + upper_spy.seen();
    const double kept = seen == 0 ? 1.0 : 1.0 - static_cast<double>(copies) / static_cast<double>(seen);
    merged.projected = static_cast<Xapian::doccount>(std::max(std::round(total * kept), static_cast<double>(merged.items.size())));
}

}  // namespace

RankedWindow rank_whole(Xapian::Enquire& enquire, Xapian::doccount first, Xapian::doccount count, Xapian::doccount check,
                        Xapian::doccount all) {
    RankedWindow window;
    window.msets.push_back(enquire.get_mset(first, count, check));
    const Xapian::MSet& mset = window.msets.back();
    for (auto it = mset.begin(); it != mset.end(); ++it) window.items.push_back(it);
    window.lower_bound = mset.get_matches_lower_bound();
    window.estimated = mset.get_matches_estimated();
    // A lower bound below check_at_least means the match saw every match.
    window.saw_all = check >= all || window.lower_bound < check;
    return window;
}

RankedWindow merge_halves(RankedWindow lower, RankedWindow upper, Xapian::doccount first, Xapian::doccount count) {
    RankedWindow merged;
    merged.split = true;
    merged.lower_bound = lower.lower_bound + upper.lower_bound;
    merged.estimated = lower.estimated + upper.estimated;
    merged.saw_all = lower.saw_all && upper.saw_all;
    std::vector<Xapian::MSetIterator> all;
    all.reserve(lower.items.size() + upper.items.size());
    std::merge(lower.items.begin(), lower.items.end(), upper.items.begin(), upper.items.end(), std::back_inserter(all),
               [](const Xapian::MSetIterator& a, const Xapian::MSetIterator& b) {
                   const double wa = a.get_weight(), wb = b.get_weight();
                   return wa > wb || (wa == wb && *a < *b);
               });
    for (std::size_t i = first; i < all.size() && merged.items.size() < count; ++i) merged.items.push_back(all[i]);
    merged.msets = std::move(lower.msets);
    for (auto& mset : upper.msets) merged.msets.push_back(std::move(mset));
    return merged;
}

std::optional<RankedWindow> rank_in_halves(const Xapian::Database& db, ParallelCounter& beside, const Xapian::Query& query,
                                           const RankingProfile& profile, const CopyKeys* keys, Xapian::doccount first,
                                           Xapian::doccount count, Xapian::doccount at_least, Xapian::doccount all,
                                           double time_limit) {
    // Each half's spy notes what it counts (and its copy groups): the total follows without
    // another pass (count_from_halves). Declared before the thread's future: it waits for the thread.
    HalfMatchSpy lower_spy(keys, at_least), upper_spy(keys, at_least);
    const Xapian::docid last = db.get_lastdocid(), middle = last / 2;
    auto upper = beside.rank_beside(db, query, profile, middle + 1, last, first + count, at_least, all, time_limit, &upper_spy);
    if (!upper) return std::nullopt;
    Xapian::Enquire lower(db);
    lower.set_query(within_docids(query, 1, middle));
    const std::unique_ptr<Xapian::Weight> weighting = weighting_of(profile);
    lower.set_weighting_scheme(*weighting);
    if (time_limit > 0) lower.set_time_limit(time_limit);
    lower.add_matchspy(&lower_spy);
    RankedWindow lower_window = rank_whole(lower, 0, first + count, at_least, all);
    RankedWindow upper_window = upper->get();
    RankedWindow merged = merge_halves(lower_window, upper_window, first, count);
    count_from_halves(merged, lower_window, lower_spy, upper_window, upper_spy, middle, last, keys != nullptr);
    return merged;
}

bool has_positional_checks(const Xapian::Query& query) {
    const auto type = query.get_type();
    if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (has_positional_checks(query.get_subquery(i))) return true;
    }
    return false;
}

Xapian::Query within_docids(const Xapian::Query& query, Xapian::docid low, Xapian::docid high) {
    auto* range = new DocidRangeSource(low, high);
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(range->release()));
}

}  // namespace bw
