// Fuzz target: the query grammar (lexer, parser, builder) over the built-in schemas, in both
// default-operator modes, and running the query on a small in-memory database. A query either
// parses or raises one of Bellwether's errors (QuerySyntaxError with a position, UsageError);
// anything else, a crash or a hang is a finding.
#include "fuzz_common.h"
#include "searcher/field_table.h"
#include "searcher/query_parser.h"

namespace {

Xapian::Database& sample_database() {
    static Xapian::WritableDatabase db = [] {
        Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
        auto& p = bw::fuzz::Pipeline::get();
        const nlohmann::json records[] = {
            {{"type", "article"}, {"id", "a1"}, {"title", "Micron raises HBM guidance"},
             {"body", "Memory chip demand stays strong; DRAM prices rose."}, {"tickers", {"MU"}}, {"date", "2026-03-02"}},
            {{"type", "signal"}, {"id", "s1"}, {"title", "Memory pricing power returns"}, {"strength", 7},
             {"date", "2026-03-05"}, {"analysis", "Samsung and SK Hynix cut NAND output."}, {"categories", {"AI"}}},
        };
        for (const auto& raw : records) {
            bw::CanonicalRecord record = p.mapper.map(raw);
            w.replace_document("Q" + record.id, p.builder.build(record, p.schemas.get(record.type)));
        }
        return w;
    }();
    return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bw;
    static const FieldTable fields(fuzz::Pipeline::get().schemas);
    const Timestamp now{1774569600};
    static const QueryParser and_parser(fields, fuzz::Pipeline::get().analyzer, DefaultOperator::And, now);
    static const QueryParser or_parser(fields, fuzz::Pipeline::get().analyzer, DefaultOperator::Or, now);
    const std::string text = fuzz::as_string(data, size);
    for (const QueryParser* parser : {&and_parser, &or_parser}) {
        try {
            ParsedQuery parsed = parser->parse(text);
            (void)parsed.query.get_description();
            Xapian::Enquire enquire(sample_database());
            enquire.set_query(parsed.query);
            (void)enquire.get_mset(0, 10).size();
        } catch (const QuerySyntaxError&) {
        } catch (const UsageError&) {
        }
    }
    return 0;
}
