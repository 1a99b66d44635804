#include "searcher/page_order.h"

#include <algorithm>
#include <cmath>

#include "core/slots.h"

namespace bw {

std::vector<Candidate> order_page(const std::vector<Xapian::MSetIterator>& ranked, WindowValues& values,
                                  const PageOrder& order, double now) {
    std::vector<Candidate> candidates;
    candidates.reserve(ranked.size());
    for (const auto& it : ranked) {
        Candidate c;
        c.it = it;
        c.did = *it;
        c.score = it.get_weight();
        candidates.push_back(std::move(c));
    }
    auto order_matters = [&](std::size_t i) {
        if (order.recency) return true;
        if (!order.by_relevance) return false;
        return (i > 0 && candidates[i - 1].score == candidates[i].score) ||
               (i + 1 < candidates.size() && candidates[i + 1].score == candidates[i].score);
    };
    std::vector<Xapian::docid> tied;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (order_matters(i)) tied.push_back(candidates[i].did);
    if (!tied.empty()) {
        values.load(kSlotDate, tied);
        values.load(kSlotId, tied);
    }
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (!order_matters(i)) continue;
        Candidate& c = candidates[i];
        const std::string date = values.get(c.did, kSlotDate);
        c.id = values.get(c.did, kSlotId);
        c.date = date.empty() ? -1e18 : Xapian::sortable_unserialise(date);
        if (order.recency) {
            const double age_days = date.empty() ? 1e9 : std::max(0.0, (now - c.date) / 86400.0);
            const double freshness = std::pow(0.5, age_days / order.half_life_days);
            c.recency = kRecencyFloor + (1.0 - kRecencyFloor) * freshness;
            c.score *= *c.recency;
        }
    }
    if (!order.recency && !order.by_relevance) return candidates;
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.date != b.date) return a.date > b.date;
        return a.id < b.id;
    });
    const std::size_t begin = std::min(order.skip, candidates.size());
    const std::size_t end = std::min(begin + order.limit, candidates.size());
    return std::vector<Candidate>(std::make_move_iterator(candidates.begin() + static_cast<std::ptrdiff_t>(begin)),
                                  std::make_move_iterator(candidates.begin() + static_cast<std::ptrdiff_t>(end)));
}

}  // namespace bw
