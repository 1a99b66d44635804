// The search side's entry point: opens a Bellwether database read-only, reads its schemas from the
// metadata, and answers searches, single-document lookups and statistics. Not thread-safe: one
// Searcher (one Xapian::Database) per thread. A database changed underneath it is reopened.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/analyzer.h"
#include "core/schema.h"
#include "searcher/facet_columns.h"
#include "searcher/field_table.h"
#include "searcher/copy_folding.h"
#include "searcher/parallel_count.h"
#include "searcher/ranking.h"
#include "searcher/read_retry.h"
#include "searcher/response.h"
#include "searcher/search_request.h"
#include "searcher/snippets.h"
#include "searcher/value_columns.h"

namespace bw {

class Searcher {
public:
    // Throws DatabaseError when there is no database at `db_path` or it is not a Bellwether one.
    explicit Searcher(const std::string& db_path);

    // Throws QuerySyntaxError for a bad query and UsageError for bad parameters.
    SearchResponse search(const SearchRequest& request);
    // The stored record of `id` as JSON, plus "links" when it cites or is cited by other documents:
    // {"cites": [{"title", "ids": [...]}], "cited_by": [ids]} (matched by title_key, core/terms.h).
    // Throws NotFoundError.
    nlohmann::ordered_json show(const std::string& id);
    // Document counts by type, date range, database size.
    nlohmann::ordered_json stats();
    // "More like this": documents sharing the most telling words of document `id` (Xapian's
    // relevance-feedback expansion over its terms), excluding itself. Throws NotFoundError.
    SearchResponse related(const std::string& id, std::size_t limit = 10);
    // Completions for a search box: the last word of `text` completed from the archive's vocabulary
    // (most frequent first) and entity names starting with it. JSON: {"query", "suggestions": [...]}.
    nlohmann::ordered_json suggest(const std::string& text, std::size_t limit = 10);

    const SchemaSet& schemas() const { return schemas_; }
    // Reopens the database if it changed since the last call (new commits become visible);
    // true when it may have changed.
    bool refresh();
    // How many facet columns (facet_columns.h) are held for the open revision.
    std::size_t facet_columns_held() const { return facet_columns_.size(); }
    // Bytes held by those columns (searcher/facet_columns.h), for the benchmark's memory note.
    std::size_t facet_columns_bytes() const {
        std::size_t bytes = 0;
        for (const auto& [slot, column] : facet_columns_) bytes += column->memory_bytes();
        return bytes;
    }
    // Bytes held by the value columns of the open revision (searcher/value_columns.h).
    std::size_t value_columns_bytes() const { return value_columns_.memory_bytes(); }
    std::size_t value_columns_held() const { return value_columns_.size(); }
    // From how many postings of a query's most frequent term its counting pass runs on a second
    // thread (searcher/parallel_count.h); 0 always, SIZE_MAX never.
    void set_parallel_count_from(std::size_t postings) { parallel_counter_.set_from_postings(postings); }
    // How many counting passes ran on the second thread so far.
    std::size_t parallel_counts() const { return parallel_counter_.started(); }
    // How many ranked passes were split into two docid halves (searcher/ranked_window.h) so far.
    std::size_t split_passes() const { return parallel_counter_.ranked_beside(); }
    // The documents in the database now (cheap: read from the open revision).
    std::size_t document_count() const { return db_.get_doccount(); }

private:
    // A facet counted over every match: from its in-memory column (a tally of the query's
    // FacetColumnSpy) or, before that pays off and on remote shards, by Xapian's ValueCountMatchSpy.
    struct FacetSpy {
        Xapian::valueno slot = 0;
        bool multi = false;  // a multi-value list slot (core/multivalue.h)
        bool date = false;
        std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
        std::optional<std::size_t> tally;
    };

    SearchResponse run(const SearchRequest& request);
    nlohmann::ordered_json show_once(const std::string& id);
    nlohmann::ordered_json stats_once();
    SearchResponse related_once(const std::string& id, std::size_t limit);
    nlohmann::ordered_json suggest_once(const std::string& text, std::size_t limit);
    FacetSpy make_facet_spy(const std::string& facet, FacetColumnSpy& column_spy);
    std::vector<FacetValue> facet_values(const FacetSpy& spy, const FacetColumnSpy& column_spy,
                                         const std::string& date_buckets, std::size_t limit) const;
    // The slot's column when it is worth having (see facet_columns.h): local databases only, read
    // once the spies have counted as many values of the slot as a fraction of the database holds.
    const FacetColumn* facet_column(Xapian::valueno slot, bool multi);
    // Runs `read` with read_retrying; a reopen drops what belonged to the old revision.
    template <class Read>
    auto reading(Read&& read) -> decltype(read());
    void forget_revision();
    ResultItem make_result(const Xapian::Document& doc, double score, std::size_t rank, const SnippetMaker& snippets,
                           std::size_t snippet_length, const ResultFields& fields = {}) const;
    Xapian::Query filter_query(const SearchRequest& request) const;
    void add_links(nlohmann::ordered_json& data, Xapian::docid self) const;
    std::vector<std::string> ids_with(const std::string& term, Xapian::docid except) const;  // sorted ids
    Xapian::docid find_document(const std::string& id) const;

    std::string path_;
    Xapian::Database db_;
    SchemaSet schemas_;
    std::unique_ptr<FieldTable> fields_;
    Analyzer analyzer_;
    bool remote_ = false;  // a stub naming remote shards (see has_remote_shards)
    std::map<Xapian::valueno, std::unique_ptr<FacetColumn>> facet_columns_;  // of the open revision
    std::map<Xapian::valueno, std::size_t> values_spied_;  // per slot, since the open revision
    ValueColumnCache value_columns_;  // the slots result windows read, once they are read often enough
    ParallelCounter parallel_counter_;  // the counting pass's own handle, used beside the ranked pass
    StemCache stem_cache_;              // the stems of words seen in snippets (searcher/snippets.h)
    // The copy keys of the open revision (searcher/copy_folding.h), read when first needed; none
    // over remote shards or past CopyKeys::kMaxKeyed.
    std::optional<std::optional<CopyKeys>> copy_keys_;
    const CopyKeys* copy_keys();
    RankingProfile default_ranking_ = builtin_profile("default");  // the first stored schema's named profile, else "default"
};

template <class Read>
auto Searcher::reading(Read&& read) -> decltype(read()) {
    return read_retrying(db_, path_, std::forward<Read>(read), [this] { forget_revision(); });
}

}  // namespace bw
