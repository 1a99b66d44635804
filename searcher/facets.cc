#include "searcher/facets.h"

#include <algorithm>

#include "core/analyzer.h"
#include "core/errors.h"
#include "core/multivalue.h"
#include "core/slots.h"
#include "core/terms.h"

namespace bw {

std::map<std::string, std::size_t> multi_value_counts(const Xapian::ValueCountMatchSpy& spy) {
    std::map<std::string, std::size_t> counts;
    for (auto list = spy.values_begin(); list != spy.values_end(); ++list) {
        const std::string encoded = *list;
        for (std::string_view value : decode_values(encoded)) {
            if (!value.empty()) counts[std::string(value)] += list.get_termfreq();
        }
    }
    return counts;
}

std::vector<FacetValue> top_values(const std::map<std::string, std::size_t>& counts, std::size_t limit) {
    struct Merged {
        std::size_t total = 0;
        std::string best;
        std::size_t best_count = 0;
    };
    std::map<std::string, Merged> merged;
    for (const auto& [value, count] : counts) {
        Merged& m = merged[Analyzer::fold(value)];
        m.total += count;
        if (count > m.best_count) {
            m.best = value;
            m.best_count = count;
        }
    }
    std::vector<FacetValue> out;
    out.reserve(merged.size());
    for (auto& [key, m] : merged) out.push_back({m.best, m.total});
    std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (limit && out.size() > limit) out.resize(limit);
    return out;
}

namespace {

std::optional<Timestamp> day_start(const std::string& day) { return parse_date(day); }

std::string bucket_of(const Timestamp& ts, const std::string& unit) {
    if (unit == "day") return ts.day();
    if (unit == "week") return ts.iso_week();
    if (unit == "month") return ts.month();
    return ts.year();
}

// The start of the next bucket after the one holding `ts`.
Timestamp next_bucket(const Timestamp& ts, const std::string& unit) {
    int y;
    unsigned m, d;
    std::int64_t days = ts.seconds >= 0 ? ts.seconds / 86400 : (ts.seconds - 86399) / 86400;
    civil_from_days(days, y, m, d);
    if (unit == "day") return Timestamp{(days + 1) * 86400};
    if (unit == "week") return Timestamp{(days + 7) * 86400};
    if (unit == "month") return Timestamp{days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) * 86400};
    return Timestamp{days_from_civil(y + 1, 1, 1) * 86400};
}

}  // namespace

std::vector<FacetValue> date_histogram(const std::map<std::string, std::size_t>& day_counts, const std::string& unit_in) {
    std::string unit = unit_in;
    if (unit != "auto" && unit != "day" && unit != "week" && unit != "month" && unit != "year")
        throw UsageError("--date-buckets must be day, week, month, year or auto (got '" + unit_in + "')");
    std::vector<std::pair<Timestamp, std::size_t>> days;
    for (const auto& [day, count] : day_counts) {
        if (auto ts = day_start(day)) days.emplace_back(*ts, count);
    }
    if (days.empty()) return {};
    const Timestamp first = days.front().first, last = days.back().first;
    if (unit == "auto") {
        std::int64_t span_days = (last.seconds - first.seconds) / 86400;
        unit = span_days <= 45 ? "day" : span_days <= 180 ? "week" : span_days <= 6 * 366 ? "month" : "year";
    }
    std::map<std::string, std::size_t> buckets;
    for (const auto& [ts, count] : days) buckets[bucket_of(ts, unit)] += count;
    std::vector<FacetValue> out;
    // Walk from the first bucket to the last, filling the gaps; cap the walk for absurd spans.
    std::string last_key = bucket_of(last, unit);
    Timestamp at = first;
    for (int guard = 0; guard < 100000; ++guard) {
        std::string key = bucket_of(at, unit);
        if (out.empty() || out.back().value != key) {
            auto it = buckets.find(key);
            out.push_back({key, it == buckets.end() ? 0 : it->second});
        }
        if (key == last_key) break;
        at = next_bucket(at, unit);
    }
    return out;
}

std::map<std::string, Xapian::doccount> matches_per_key(const Xapian::Database& db, const Xapian::Query& query,
                                                        const std::vector<std::string>& keys) {
    std::map<std::string, Xapian::doccount> counts;
    if (keys.empty()) return counts;
    std::vector<Xapian::Query> groups;  // the copy-group terms: a postlist each, not a scan of the slot per key
    for (const auto& key : keys) groups.emplace_back(copy_key_term(key));
    Xapian::Enquire counting(db);
    counting.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                     Xapian::Query(Xapian::Query::OP_OR, groups.begin(), groups.end())));
    Xapian::ValueCountMatchSpy spy(kSlotCopyGroup);
    counting.add_matchspy(&spy);
    counting.get_mset(0, 0, db.get_doccount());
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) counts[*it] = it.get_termfreq();
    return counts;
}

}  // namespace bw
