#include "searcher/searcher.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "core/entities.h"
#include "core/errors.h"
#include "core/metadata.h"
#include "core/slots.h"
#include "core/terms.h"
#include "searcher/database_files.h"
#include "searcher/explain.h"
#include "searcher/facets.h"
#include "searcher/match_window.h"
#include "searcher/ranking.h"
#include "searcher/read_retry.h"
#include "searcher/result_item.h"
#include "searcher/snippets.h"
#include "searcher/spelling_suggester.h"

namespace bw {
namespace {

using ojson = nlohmann::ordered_json;
constexpr std::size_t kMaxLimit = 10000;
constexpr std::size_t kMaxOffset = 1000000;
constexpr std::size_t kRecencyWindow = 1000;  // relevance matches re-ranked by --sort recency
constexpr double kRecencyFloor = 0.25;         // an old document keeps this share of its text score

Xapian::Query date_range(const std::optional<std::string>& since, const std::optional<std::string>& until) {
    Timestamp now = now_utc();
    std::optional<double> lo, hi;
    if (since) {
        auto span = parse_date_span(*since, now);
        if (!span) throw UsageError("--since: cannot understand the date '" + *since + "'");
        lo = static_cast<double>(span->begin.seconds);
    }
    if (until) {
        auto span = parse_date_span(*until, now);
        if (!span) throw UsageError("--until: cannot understand the date '" + *until + "'");
        hi = static_cast<double>(span->end.seconds - 1);
    }
    if (lo && hi && *lo > *hi) throw UsageError("--since is after --until");
    if (lo && hi) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDate, Xapian::sortable_serialise(*lo),
                                       Xapian::sortable_serialise(*hi));
    if (lo) return Xapian::Query(Xapian::Query::OP_VALUE_GE, kSlotDate, Xapian::sortable_serialise(*lo));
    if (hi) return Xapian::Query(Xapian::Query::OP_VALUE_LE, kSlotDate, Xapian::sortable_serialise(*hi));
    return Xapian::Query();
}

}  // namespace

Searcher::Searcher(const std::string& db_path) : path_(db_path) {
    std::error_code ec;
    if (!std::filesystem::exists(db_path, ec))
        throw DatabaseError(db_path + ": no database here (create one with bellwether-index)");
    // Opening can meet a commit in progress (the revision it started reading is discarded): retry.
    for (int attempt = 1;; ++attempt) {
        try {
            db_ = Xapian::Database(db_path);
            break;
        } catch (const Xapian::DatabaseOpeningError& e) {
            throw DatabaseError(db_path + ": cannot open the database: " + e.get_description());
        } catch (const Xapian::DatabaseError& e) {  // modified, or a block reused (see read_retrying)
            if (attempt == 10) throw DatabaseError(db_path + ": cannot open the database: " + e.get_description());
            std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
        } catch (const Xapian::Error& e) {
            throw DatabaseError(db_path + ": cannot open the database: " + e.get_description());
        }
    }
    remote_ = has_remote_shards(db_path);
    schemas_ = read_retrying(db_, path_, [&] { return read_schemas(db_); });
    fields_ = std::make_unique<FieldTable>(schemas_);
    for (const auto& [type, schema] : schemas_.all()) {
        if (!schema.ranking().empty()) {
            default_ranking_ = parse_ranking(schema.ranking());
            break;
        }
    }
}

bool Searcher::refresh() {
    try {
        return db_.reopen();
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_ + ": cannot reopen the database: " + e.get_description());
    }
}

SearchResponse Searcher::search(const SearchRequest& request) {
    return read_retrying(db_, path_, [&] { return run(request); });
}

Xapian::Query Searcher::filter_query(const SearchRequest& request) const {
    std::vector<Xapian::Query> parts;
    for (const auto& [name, values] : request.filters) {
        if (values.empty()) continue;
        std::vector<Xapian::Query> alternatives;
        if (name == "type") {
            for (const auto& v : values) {
                std::string type = Analyzer::fold(v);
                if (!schemas_.find(type)) schemas_.get(type);  // throws UsageError naming the known types
                alternatives.emplace_back(std::string(kTypePrefix) + type);
            }
        } else {
            const auto* targets = fields_->lookup(name);
            if (!targets) throw UsageError("unknown filter '" + name + "'");
            for (const auto& target : *targets) {
                if (target.field->role != FieldRole::Keyword)
                    throw UsageError("'" + name + "' is not a keyword field and cannot be used as a filter");
                for (const auto& v : values) {
                    alternatives.emplace_back(keyword_term(*target.field, v));
                    // --ticker MU and --actor "Micron Technology" resolve like ticker:MU (query_builder.h).
                    const bool entity_field = target.field->prefix == "XTICKER" || target.field->prefix == "XACTOR";
                    const Entity* e = entity_field ? EntityRegistry::builtin().resolve(v) : nullptr;
                    if (target.field->prefix == "XTICKER" && entity_field)
                        if (const Entity* by_ticker = EntityRegistry::builtin().find_by_ticker(Analyzer::upper(v))) e = by_ticker;
                    if (!e) continue;
                    alternatives.emplace_back(make_term("XACTOR", Analyzer::fold(e->name)));
                    for (const auto& t : e->tickers) alternatives.emplace_back(make_term("XTICKER", Analyzer::upper(t)));
                }
            }
        }
        parts.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    }
    Xapian::Query dates = date_range(request.since, request.until);
    if (!dates.empty()) parts.push_back(dates);
    if (request.changed_after_generation > 0) {
        parts.emplace_back(Xapian::Query::OP_VALUE_GE, kSlotGeneration,
                           Xapian::sortable_serialise(static_cast<double>(request.changed_after_generation + 1)));
    }
    if (parts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

SearchResponse Searcher::run(const SearchRequest& request) {
    if (request.limit > kMaxLimit) throw UsageError("--limit may be at most " + std::to_string(kMaxLimit));
    if (request.offset > kMaxOffset) throw UsageError("--offset may be at most " + std::to_string(kMaxOffset));
    static const std::vector<std::string> groupable = {"ticker", "actor", "topic", "place", "source", "author", "type", "month"};
    if (!request.group_by.empty() && std::find(groupable.begin(), groupable.end(), request.group_by) == groupable.end())
        throw UsageError("--group-by must be one of ticker, actor, topic, place, source, author, type, month");
    const RankingProfile profile = request.ranking.empty() ? default_ranking_ : parse_ranking(request.ranking);
    QueryParser parser(*fields_, analyzer_, request.default_op);
    parser.set_drop_stopwords(profile.drop_stopwords);
    ParsedQuery parsed = parser.parse(request.query);
    Xapian::Query query = parsed.query;
    Xapian::Query filters = filter_query(request);
    if (!filters.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filters);

    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    const std::unique_ptr<Xapian::Weight> weighting = weighting_of(profile);
    enquire.set_weighting_scheme(*weighting);
    SortOrder sort = request.sort;
    if ((sort == SortOrder::Relevance || sort == SortOrder::Recency) && !parsed.has_free_text) sort = SortOrder::Date;
    if (parsed.has_free_text && profile.proximity > 0) {
        query = add_proximity_bonus(query, parsed.highlight_terms, profile);
        enquire.set_query(query);
    }
    if (parsed.has_free_text && profile.prf_docs > 0 && profile.prf_terms > 0 && profile.prf_weight > 0) {
        query = expand_with_feedback(enquire, query, profile);
        enquire.set_query(query);
    }
    // Value sorts use keys that end with the id (core/slots.h), so ties come out in the same order
    // however the archive is sharded, also on remote shards.
    auto sort_by_value = [&](Xapian::valueno slot, bool descending) {
        enquire.set_sort_by_value_then_relevance(slot, descending);
    };
    switch (sort) {
        // Relevance ties are broken by date, then id, below, on the fetched window: asking Xapian
        // for relevance-then-value reads the date of every match (two block reads per document).
        case SortOrder::Relevance:
        case SortOrder::Recency: enquire.set_sort_by_relevance(); break;
        case SortOrder::Date: sort_by_value(kSlotDateKey, true); break;
        case SortOrder::Oldest: sort_by_value(kSlotDateKey, false); break;
        case SortOrder::Strength: sort_by_value(kSlotStrengthKey, true); break;
    }
    // Collapse only where the indexer found copies: the collapse key is written only on documents
    // that share their duplicate key with another (indexer/copy_groups.h).
    const bool collapsing = request.collapse && db_.get_value_freq(kSlotCopyGroup) > 0;
    if (collapsing) enquire.set_collapse_key(kSlotCopyGroup);
    if (request.time_limit > 0) enquire.set_time_limit(request.time_limit);  // bellwether-serve: bounded latency

    // Facets (and the counts behind --group-by): one spy each, counting over every match.
    std::vector<std::string> facet_names = request.facets;
    std::string group_facet = request.group_by == "month" ? "date" : request.group_by;
    if (!group_facet.empty() && std::find(facet_names.begin(), facet_names.end(), group_facet) == facet_names.end())
        facet_names.push_back(group_facet);
    std::vector<FacetSpy> spies;
    for (const auto& name : facet_names) spies.push_back(make_facet_spy(name));
    // Over remote shards, Xapian 1.4 over-counts match spies when the match is sorted by value
    // (measured: tests/integration/remote_test.cc), so those counts come from a separate
    // relevance-ordered pass that returns no documents.
    const bool separate_facet_pass = remote_ && !spies.empty() && sort != SortOrder::Relevance && sort != SortOrder::Recency;
    if (separate_facet_pass) {
        Xapian::Enquire counting(db_);
        counting.set_query(query);
        if (collapsing) counting.set_collapse_key(kSlotCopyGroup);
        for (auto& spy : spies) counting.add_matchspy(spy.spy.get());
        counting.get_mset(0, 0, db_.get_doccount());
    } else {
        for (auto& spy : spies) enquire.add_matchspy(spy.spy.get());
    }

    const Xapian::doccount all = db_.get_doccount();
    const bool rerank = sort == SortOrder::Recency;
    const bool by_relevance = sort == SortOrder::Relevance;
    // Recency re-ranks the best kRecencyWindow relevance matches (or the page, if deeper);
    // relevance fetches the page and a few more, so that ties at its edge go to the newest.
    std::size_t fetch_first = rerank ? 0 : by_relevance ? request.offset - std::min(request.offset, kTieMargin) : request.offset;
    std::size_t fetch_count = rerank         ? std::max(request.offset + request.limit, kRecencyWindow)
                                    : by_relevance ? request.limit + (request.offset - fetch_first) + kTieMargin
                                                   : request.limit;
    // How many matches Xapian must look at (see kExactTotalUpTo): all of them for an exact total,
    // facet and group counts (the spies see only what is looked at), or a lookup without free text.
    const bool count_all = request.exact_total || !spies.empty() || !parsed.has_free_text;
    const auto check_at_least = static_cast<Xapian::doccount>(
        count_all ? all : std::min<std::size_t>(all, std::max(kExactTotalUpTo, fetch_first + fetch_count)));
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(fetch_first),
                                         static_cast<Xapian::doccount>(fetch_count), check_at_least);
    if (by_relevance) {
        enquire.clear_matchspies();  // the first pass counted every match
        while (widen_for_ties(mset, request.offset, request.limit, fetch_first, fetch_count))
            mset = enquire.get_mset(static_cast<Xapian::doccount>(fetch_first), static_cast<Xapian::doccount>(fetch_count),
                                    check_at_least);
    }

    SearchResponse response;
    response.query = request.query;
    response.fields = request.fields;
    // Xapian stops early only after it has seen check_at_least matches: when it saw fewer, it saw
    // them all, and the lower bound is the exact count (after folding, with collapsing; Xapian's
    // upper bound and estimate stay loose then, measured on the examples). Otherwise the total is
    // Xapian's estimate, flagged as such.
    response.total_exact = count_all || check_at_least >= all || mset.get_uncollapsed_matches_lower_bound() < check_at_least;
    response.total = response.total_exact && collapsing ? mset.get_matches_lower_bound() : mset.get_matches_estimated();
    response.offset = request.offset;
    response.limit = request.limit;

    struct Candidate {
        Xapian::MSetIterator it;
        double score;
        std::optional<double> recency;
        double date;
        std::string id;
        std::optional<Xapian::Document> document;  // read once, when first needed
        const Xapian::Document& read() {
            if (!document) document = it.get_document();
            return *document;
        }
    };
    std::vector<Candidate> candidates;
    for (auto it = mset.begin(); it != mset.end(); ++it) candidates.push_back(Candidate{it, it.get_weight(), std::nullopt, 0, {}, std::nullopt});
    // Dates and ids only matter where they can change the order: every match for recency, and for
    // relevance only matches whose score ties with a neighbour's. Reading no other document of the
    // window saves a read per match, and over remote shards a round trip each (Xapian 1.4 fetches
    // remote documents one request at a time, measured with strace).
    auto order_matters = [&](std::size_t i) {
        if (rerank) return true;
        if (!by_relevance) return false;
        return (i > 0 && candidates[i - 1].score == candidates[i].score) ||
               (i + 1 < candidates.size() && candidates[i + 1].score == candidates[i].score);
    };
    const double now = static_cast<double>(now_utc().seconds);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (!order_matters(i)) continue;
        Candidate& c = candidates[i];
        const Xapian::Document& document = c.read();
        std::string date = document.get_value(kSlotDate);
        c.id = document.get_value(kSlotId);
        c.date = date.empty() ? -1e18 : Xapian::sortable_unserialise(date);
        if (rerank) {
            double age_days = date.empty() ? 1e9 : std::max(0.0, (now - c.date) / 86400.0);
            double freshness = std::pow(0.5, age_days / request.half_life_days);
            c.recency = kRecencyFloor + (1.0 - kRecencyFloor) * freshness;
            c.score *= *c.recency;
        }
    }
    if (rerank || by_relevance) {
        std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
            if (a.score != b.score) return a.score > b.score;
            if (a.date != b.date) return a.date > b.date;
            return a.id < b.id;
        });
        std::size_t begin = std::min(request.offset - fetch_first, candidates.size());
        std::size_t end = std::min(begin + request.limit, candidates.size());
        candidates = std::vector<Candidate>(candidates.begin() + begin, candidates.begin() + end);
    }

    SnippetMaker snippets(analyzer_, parsed.highlight_terms, parsed.highlight_stems);
    std::map<std::string, Xapian::doccount> remote_copies;
    if (remote_ && collapsing) {
        std::vector<std::string> keys;
        for (auto& c : candidates) {
            if (std::string key = c.read().get_value(kSlotCopyGroup); !key.empty()) keys.push_back(key);
        }
        remote_copies = matches_per_key(db_, query, keys);
    }
    std::size_t rank = request.offset;
    for (auto& c : candidates) {
        ResultItem item = make_result(c.read(), c.score, ++rank, snippets, request.snippet_length, request.fields);
        item.collapsed = c.it.get_collapse_count();
        if (remote_ && collapsing) {
            const std::string key = c.read().get_value(kSlotCopyGroup);
            const auto found = remote_copies.find(key);
            item.collapsed = key.empty() || found == remote_copies.end() || found->second == 0 ? 0 : found->second - 1;
        }
        response.collapsed += item.collapsed;
        if (request.explain) {
            item.explanation = explain_score(db_, enquire, *weighting, c.it, schemas_.find(item.type), c.score, c.recency);
        }
        response.results.push_back(std::move(item));
    }

    // Did you mean: when little matched, offer the respelt query if it finds more.
    if (parsed.has_free_text && response.total < 3) {
        if (auto respelt = suggest_spelling(db_, request.query)) {
            try {
                Xapian::Query suggested = parser.parse(*respelt).query;
                if (!filters.empty()) suggested = Xapian::Query(Xapian::Query::OP_FILTER, suggested, filters);
                Xapian::Enquire probe(db_);
                probe.set_query(suggested);
                if (probe.get_mset(0, 0, all).get_matches_estimated() > response.total) response.suggestion = *respelt;
            } catch (const QuerySyntaxError&) {
            }
        }
    }

    std::vector<FacetValue> group_values;
    for (std::size_t i = 0; i < spies.size(); ++i) {
        const bool is_group = facet_names[i] == group_facet;
        const bool asked = i < request.facets.size();
        if (is_group) {
            std::vector<FacetValue> values = facet_values(spies[i], request.group_by == "month" ? "month" : "",
                                                          request.group_by == "month" ? 0 : request.group_limit);
            if (request.group_by == "month") {
                std::erase_if(values, [](const FacetValue& v) { return v.count == 0; });
                std::stable_sort(values.begin(), values.end(),
                                 [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
                if (values.size() > request.group_limit) values.resize(request.group_limit);
            }
            group_values = std::move(values);
        }
        if (asked) response.facets.emplace_back(facet_names[i], facet_values(spies[i], request.date_buckets, request.facet_limit));
    }

    if (!request.group_by.empty()) {
        response.group_by = request.group_by;
        for (const auto& value : group_values) {
            SearchRequest sub = request;
            sub.group_by.clear();
            sub.facets.clear();
            sub.explain = false;
            sub.offset = 0;
            sub.limit = request.group_size;
            if (request.group_by == "month") {
                sub.since = value.value;
                sub.until = value.value;
            } else {
                sub.filters[request.group_by] = {value.value};
            }
            ResultGroup group;
            group.value = value.value;
            group.count = value.count;
            group.results = run(sub).results;
            response.groups.push_back(std::move(group));
        }
    }
    return response;
}

Searcher::FacetSpy Searcher::make_facet_spy(const std::string& facet) const {
    FacetSpy entry;
    if (facet == "type") {
        entry.spy = std::make_unique<Xapian::ValueCountMatchSpy>(kSlotType);
    } else if (facet == "date") {
        entry.spy = std::make_unique<Xapian::ValueCountMatchSpy>(kSlotDay);
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
        entry.spy = std::make_unique<Xapian::ValueCountMatchSpy>(*slot);
        entry.multi = true;
    }
    return entry;
}

std::vector<FacetValue> Searcher::facet_values(const FacetSpy& entry, const std::string& date_buckets,
                                               std::size_t limit) const {
    const auto& spy = static_cast<const Xapian::ValueCountMatchSpy&>(*entry.spy);
    if (entry.multi) return top_values(multi_value_counts(spy), limit);
    std::map<std::string, std::size_t> counts;
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) counts[*v] = v.get_termfreq();
    return entry.date ? date_histogram(counts, date_buckets) : top_values(counts, limit);
}

ResultItem Searcher::make_result(const Xapian::Document& doc, double score, std::size_t rank,
                                 const SnippetMaker& snippets, std::size_t snippet_length,
                                 const ResultFields& fields) const {
    return build_result_item(doc, score, rank, schemas_, snippets, snippet_length, fields);
}

Xapian::docid Searcher::find_document(const std::string& id) const {
    std::string term = id_term(id);
    Xapian::PostingIterator it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) throw NotFoundError("no document with id '" + id + "'");
    return *it;
}

nlohmann::ordered_json Searcher::show(const std::string& id) {
    return read_retrying(db_, path_, [&] { return show_once(id); });
}

nlohmann::ordered_json Searcher::show_once(const std::string& id) {
    const Xapian::docid did = find_document(id);
    Xapian::Document doc = db_.get_document(did);
    ojson data = ojson::parse(doc.get_data(), nullptr, false);
    if (data.is_discarded()) throw DatabaseError("document '" + id + "' has unreadable stored data");
    add_links(data, did);
    return data;
}

std::vector<std::string> Searcher::ids_with(const std::string& term, Xapian::docid except) const {
    std::vector<std::string> out;
    for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term) && out.size() < 100; ++p) {
        if (*p == except) continue;
        nlohmann::json other = nlohmann::json::parse(db_.get_document(*p).get_data(), nullptr, false);
        if (other.is_object() && other.contains("id") && other["id"].is_string()) out.push_back(other["id"]);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void Searcher::add_links(nlohmann::ordered_json& data, Xapian::docid self) const {
    ojson cites = ojson::array();
    const std::string type = data.contains("type") && data["type"].is_string() ? data["type"].get<std::string>() : "";
    if (const Schema* schema = schemas_.find(type)) {
        for (const auto& field : schema->fields()) {
            if (field.shape != FieldShape::Sources || !data.contains(field.name) || !data[field.name].is_array()) continue;
            for (const auto& source : data[field.name]) {
                if (!source.is_object() || !source.contains("title") || !source["title"].is_string()) continue;
                const std::string title = source["title"];
                std::string key = title_key(title);
                if (key.empty()) continue;
                cites.push_back({{"title", title}, {"ids", ids_with(std::string(kTitleKeyPrefix) + key, self)}});
            }
        }
    }
    std::vector<std::string> cited_by;
    if (data.contains("title") && data["title"].is_string()) {
        std::string key = title_key(data["title"].get<std::string>());
        if (!key.empty()) cited_by = ids_with(std::string(kCitesPrefix) + key, self);
    }
    if (cites.empty() && cited_by.empty()) return;
    ojson links = ojson::object();
    if (!cites.empty()) links["cites"] = std::move(cites);
    if (!cited_by.empty()) links["cited_by"] = cited_by;
    data["links"] = std::move(links);
}

nlohmann::ordered_json Searcher::stats() {
    return read_retrying(db_, path_, [&] { return stats_once(); });
}

nlohmann::ordered_json Searcher::stats_once() {
    ojson out;
    out["database"] = path_;
    out["documents"] = db_.get_doccount();
    ojson by_type = ojson::object();
    for (const auto& [type, schema] : schemas_.all()) by_type[type] = db_.get_termfreq(std::string(kTypePrefix) + type);
    out["by_type"] = by_type;
    std::string lo = db_.get_value_lower_bound(kSlotDate), hi = db_.get_value_upper_bound(kSlotDate);
    auto iso = [](const std::string& v) -> ojson {
        if (v.empty()) return nullptr;
        return Timestamp{static_cast<std::int64_t>(Xapian::sortable_unserialise(v))}.iso();
    };
    out["date_range"] = {{"first", iso(lo)}, {"last", iso(hi)}};
    out["dated_documents"] = db_.get_value_freq(kSlotDate);
    out["size_bytes"] = directory_size(path_);
    out["format"] = db_.get_metadata(kFormatKey);
    // What the last commit of bellwether-index included (null when the database predates it).
    ojson last_commit = ojson::parse(db_.get_metadata(kLastCommitKey), nullptr, false);
    out["last_commit"] = last_commit.is_discarded() ? ojson() : last_commit;
    return out;
}

}  // namespace bw
