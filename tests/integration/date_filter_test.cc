// Date filters written as D/M/Y terms (searcher/date_filter.h) match exactly the documents the
// value range on the date slot matches, on 2,500 Reuters articles: query ranges of days, months
// and years, and --since / --until with one end open (closed by the archive's own date bounds).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/dates.h"
#include "core/slots.h"
#include "searcher/searcher.h"
#include "test_support.h"

namespace {

struct RangeCase {
    const char* name;
    std::string query;                  // a date: range in the query, or empty
    std::optional<std::string> since, until;
    const char* lo;                     // the same range as a value range: first day
    const char* hi;                     // last day
};

// The ids of every document whose date value lies within [lo 00:00:00, hi 23:59:59] UTC.
std::set<std::string> by_value_range(const std::string& db_path, const char* lo, const char* hi) {
    Xapian::Database db(db_path);
    const auto begin = bw::parse_date_span(lo, bw::now_utc())->begin.seconds;
    const auto end = bw::parse_date_span(hi, bw::now_utc())->end.seconds - 1;
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, bw::kSlotDate,
                                    Xapian::sortable_serialise(static_cast<double>(begin)),
                                    Xapian::sortable_serialise(static_cast<double>(end))));
    std::set<std::string> ids;
    const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    for (auto it = all.begin(); it != all.end(); ++it) ids.insert(it.get_document().get_value(bw::kSlotId));
    return ids;
}

TEST(DateFilter, TermsMatchWhatTheValueRangeMatches) {
    bw::test::TempDir dir;
    const std::string db = bw::test::index_reuters_slice(dir, 2500);
    if (db.empty()) GTEST_SKIP() << "../shared/corpora/reuters21578 is absent (only CI has it)";

    const std::vector<RangeCase> cases = {
        {"one day", "date:1987-03-02", {}, {}, "1987-03-02", "1987-03-02"},
        {"a month", "date:1987-03", {}, {}, "1987-03-01", "1987-03-31"},
        {"days and a month", "date:1987-02-27..1987-04-02", {}, {}, "1987-02-27", "1987-04-02"},
        {"a year", "date:1987", {}, {}, "1987-01-01", "1987-12-31"},
        {"years", "date:1980..1990", {}, {}, "1980-01-01", "1990-12-31"},
        {"--since, open end", "", "1987-03-05", {}, "1987-03-05", "9999-12-31"},
        {"--until, open start", "", {}, "1987-03-03", "1000-01-01", "1987-03-03"},
        {"--since and --until", "", "1987-03-01", "1987-03-10", "1987-03-01", "1987-03-10"},
    };
    bw::Searcher searcher(db);
    for (const RangeCase& c : cases) {
        SCOPED_TRACE(c.name);
        bw::SearchRequest request;
        request.query = c.query;
        request.since = c.since;
        request.until = c.until;
        request.limit = 10000;
        request.fields = bw::ResultFields::parse({"id"});
        request.collapse = false;
        std::set<std::string> found;
        for (const auto& item : searcher.search(request).results) found.insert(item.id);
        const std::set<std::string> expected = by_value_range(db, c.lo, c.hi);
        EXPECT_GT(expected.size(), 0u);
        EXPECT_EQ(found, expected);
    }
}

}  // namespace
