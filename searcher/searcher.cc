#include "searcher/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <future>
#include <map>

#include "core/entities.h"
#include "core/errors.h"
#include "core/metadata.h"
#include "core/slots.h"
#include "core/terms.h"
#include "searcher/database_files.h"
#include "searcher/date_filter.h"
#include "searcher/explain.h"
#include "searcher/facets.h"
#include "searcher/match_count.h"
#include "searcher/match_window.h"
#include "searcher/page_order.h"
#include "searcher/parallel_count.h"
#include "searcher/ranked_window.h"
#include "searcher/ranking.h"
#include "searcher/read_retry.h"
#include "searcher/result_item.h"
#include "searcher/snippets.h"
#include "searcher/spelling_suggester.h"
#include "searcher/window_values.h"

namespace bw {
namespace {

using ojson = nlohmann::ordered_json;
constexpr std::size_t kMaxLimit = 10000;
constexpr std::size_t kMaxOffset = 1000000;
constexpr std::size_t kRecencyWindow = 1000;  // relevance matches re-ranked by --sort recency

}  // namespace

Searcher::Searcher(const std::string& db_path) : path_(db_path), parallel_counter_(db_path) {
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
        const bool changed = db_.reopen();
        if (changed) forget_revision();
        return changed;
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_ + ": cannot reopen the database: " + e.get_description());
    }
}

void Searcher::forget_revision() {
    parallel_counter_.forget();
    copy_keys_.reset();
    facet_columns_.clear();
    value_columns_.forget();
    values_spied_.clear();
}

const CopyKeys* Searcher::copy_keys() {
    if (!copy_keys_) {
        const bool worth_holding = !remote_ && db_.get_value_freq(kSlotCopyGroup) <= CopyKeys::kMaxKeyed;
        copy_keys_.emplace(worth_holding ? std::optional<CopyKeys>(std::in_place, db_, kSlotCopyGroup) : std::nullopt);
    }
    return *copy_keys_ ? &**copy_keys_ : nullptr;
}

SearchResponse Searcher::search(const SearchRequest& request) {
    return reading([&] { return run(request); });
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
    Xapian::Query dates = since_until_filter(request.since, request.until, db_);
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
    if (request.time_limit > 0) enquire.set_time_limit(request.time_limit);  // bellwether-serve: bounded latency

    // Facets (and the counts behind --group-by): one spy each, counting over every match.
    std::vector<std::string> facet_names = request.facets;
    std::string group_facet = request.group_by == "month" ? "date" : request.group_by;
    if (!group_facet.empty() && std::find(facet_names.begin(), facet_names.end(), group_facet) == facet_names.end())
        facet_names.push_back(group_facet);
    FacetColumnSpy column_spy;  // every facet counted from a column, in one spy
    std::vector<FacetSpy> spies;
    for (const auto& name : facet_names) spies.push_back(make_facet_spy(name, column_spy));

    const Xapian::doccount all = db_.get_doccount();
    const bool rerank = sort == SortOrder::Recency;
    const bool by_relevance = sort == SortOrder::Relevance;
    // Recency re-ranks the best kRecencyWindow relevance matches (or the page, if deeper);
    // relevance fetches the page and a few more, so that ties at its edge go to the newest.
    std::size_t fetch_first = rerank ? 0 : by_relevance ? request.offset - std::min(request.offset, kTieMargin) : request.offset;
    std::size_t fetch_count = rerank         ? std::max(request.offset + request.limit, kRecencyWindow)
                                    : by_relevance ? request.limit + (request.offset - fetch_first) + kTieMargin
                                                   : request.limit;
    // Totals: every match is counted for an exact total, for facet and group counts (the spies see
    // only what is looked at) and for a lookup without free text; otherwise up to count_up_to
    // (kExactTotalUpTo), then an estimate, flagged as such (README "Totals").
    const bool count_all = request.exact_total || !spies.empty() || !parsed.has_free_text;
    const auto count_to = static_cast<Xapian::doccount>(
        count_all ? all : std::min<std::size_t>(all, std::max(request.count_up_to.value_or(kExactTotalUpTo), fetch_first + fetch_count)));
    const auto window = static_cast<Xapian::doccount>(std::min<std::size_t>(all, fetch_first + fetch_count));
    std::vector<Xapian::MatchSpy*> spy_list;
    for (auto& spy : spies)
        if (spy.spy) spy_list.push_back(spy.spy.get());
    if (std::any_of(spies.begin(), spies.end(), [](const FacetSpy& spy) { return spy.tally.has_value(); }))
        spy_list.push_back(&column_spy);
    // A match sorted by a value reads every match's value whatever it keeps, so it counts too (one
    // pass). A ranked match looks only at what its window needs (Xapian skips matches that cannot
    // reach it), and a second pass without ranking counts (searcher/match_count.h), except over
    // remote shards with facets: Xapian 1.4 over-counts spies there in a match sorted by value
    // (tests/integration/remote_test.cc).
    const bool one_pass = !rerank && !by_relevance && !(remote_ && !spy_list.empty());
    if (one_pass)
        for (Xapian::MatchSpy* spy : spy_list) enquire.add_matchspy(spy);
    CountOptions counting;
    counting.count_to = count_to;
    if (collapsing) counting.collapse_key = kSlotCopyGroup;
    counting.count_copies_apart = !remote_;
    counting.time_limit = request.time_limit;
    counting.extrapolate = !remote_ && db_.size() == 1;
    for (Xapian::MatchSpy* spy : spy_list) {
        if (spy == &column_spy) counting.columns = &column_spy;
        else counting.spies.push_back(spy);
    }
    // A relevance pass whose matching checks word positions (a phrase), heavy enough for a second
    // thread, ranks the two halves of the docid range at once, each counting its matches on the way
    // (searcher/ranked_window.h), and no counting pass runs beside it: the two would share two cores.
    // Copies must then fold on our side (a window from the first match, searcher/copy_folding.h):
    // Xapian's collapse in each half would not see copies in the other.
    const CopyKeys* keys = collapsing ? copy_keys() : nullptr;
    const bool split = by_relevance && spy_list.empty() && !request.explain && !remote_ && db_.size() == 1 &&
                       (!collapsing || (keys && fetch_first == 0)) && has_positional_checks(query) &&
                       parallel_counter_.worth_a_thread(db_, query);
    // A counting pass that will run (facets) or is likely to (an exact total) starts now on a
    // second thread, beside the ranked pass (searcher/parallel_count.h). Declared after the spies:
    // leaving this scope waits for it before they go.
    std::optional<std::future<MatchCount>> counted_beside;
    if (!split && !one_pass && !remote_ && (!spy_list.empty() || count_to > window))
        counted_beside = parallel_counter_.start(db_, query, counting);
    Xapian::doccount check = one_pass || split ? std::max(count_to, window) : window;
    const auto started = std::chrono::steady_clock::now();
    bool xapian_collapses = false;  // Xapian's collapse is set on `enquire`: rank with it alone
    const Ranker rank_pass = [&](Xapian::doccount first, Xapian::doccount count, Xapian::doccount at_least) {
        if (split && !xapian_collapses) {
            if (auto halves = rank_in_halves(db_, parallel_counter_, query, profile, keys, first, count, at_least, all,
                                              request.time_limit))
                return std::move(*halves);
        }
        return rank_whole(enquire, first, count, at_least, all);
    };
    // Copies fold here, not in Xapian's matcher, for a relevance window from the first match when
    // the keys are held (searcher/copy_folding.h); otherwise (or when that window falls short)
    // Xapian collapses.
    std::optional<FoldedWindow> folded;
    if (keys && by_relevance && fetch_first == 0)
        folded = rank_folding_copies(rank_pass, *keys, static_cast<Xapian::doccount>(fetch_count), check, all, request.offset + request.limit);
    if (collapsing && !folded) {
        enquire.set_collapse_key(kSlotCopyGroup);
        xapian_collapses = true;
    }
    RankedWindow ranked_window;
    if (!folded) {
        ranked_window = rank_pass(static_cast<Xapian::doccount>(fetch_first), static_cast<Xapian::doccount>(fetch_count), check);
        while (by_relevance && widen_for_ties(ranked_window.items, request.offset, request.limit, fetch_first, fetch_count)) {
            check = std::max(check, static_cast<Xapian::doccount>(std::min<std::size_t>(all, fetch_first + fetch_count)));
            ranked_window = rank_pass(static_cast<Xapian::doccount>(fetch_first), static_cast<Xapian::doccount>(fetch_count), check);
        }
    }
    const RankedWindow& pass = folded ? folded->ranked : ranked_window;
    const bool ranked_saw_all = folded ? folded->saw_all : ranked_window.saw_all;
    const bool out_of_time =
        request.time_limit > 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() >= request.time_limit;

    SearchResponse response;
    response.query = request.query;
    response.fields = request.fields;
    if (pass.split && (pass.saw_all || pass.projected)) {
        // Both halves counted every match they hold (copies folded apart, as in an exact count),
        // or the total is projected from what they counted. Past the time limit Xapian ends a
        // match quietly, so what the halves saw is then only an estimate.
        response.total_exact = pass.saw_all && !out_of_time;
        if (!pass.saw_all) response.total = *pass.projected;
        else if (folded && folded->saw_all) response.total = folded->total;
        else if (collapsing) {
            // The halves noted the copy groups (keys are held whenever a collapsing pass splits).
            const Xapian::doccount copies =
                pass.copies ? *pass.copies : count_folded_copies(db_, query, kSlotCopyGroup, request.time_limit);
            response.total = pass.lower_bound - std::min(pass.lower_bound, copies);
        } else {
            response.total = pass.lower_bound;
        }
    } else if (one_pass || (spy_list.empty() && (ranked_saw_all || count_to <= window))) {
        response.total_exact = ranked_saw_all;
        response.total = folded ? folded->total : ranked_saw_all ? ranked_window.lower_bound : ranked_window.estimated;
    } else {
        const MatchCount counted = counted_beside ? counted_beside->get() : count_matches(db_, query, counting);
        response.total_exact = counted.exact;
        response.total = counted.total;
    }
    response.offset = request.offset;
    response.limit = request.limit;

    const std::vector<Xapian::MSetIterator>& ranked = folded ? folded->items : ranked_window.items;
    // Values are read slot by slot over the window (searcher/window_values.h).
    // Held columns need one local database's docids, as facet columns do.
    WindowValues window_values(db_, !remote_, !remote_ && db_.size() == 1 ? &value_columns_ : nullptr);
    PageOrder page_order;
    page_order.by_relevance = by_relevance;
    page_order.recency = rerank;
    page_order.half_life_days = request.half_life_days;
    page_order.skip = request.offset - fetch_first;
    page_order.limit = request.limit;
    std::vector<Candidate> candidates =
        order_page(ranked, window_values, page_order, static_cast<double>(now_utc().seconds));

    SnippetMaker snippets(analyzer_, parsed.highlight_terms, parsed.highlight_stems, &stem_cache_);
    // Folded-copy counts come from one exact query over the shown results' copy groups, not from
    // Xapian's collapse counts: those count only the copies the ranked pass looked at (it stops
    // early) and, over remote shards, only what one shard folded.
    std::map<std::string, Xapian::doccount> copies;
    std::vector<Xapian::docid> shown;
    for (const auto& c : candidates) shown.push_back(c.did);
    auto copy_key = [&](Xapian::docid did) { return keys ? keys->key_of(did) : window_values.get(did, kSlotCopyGroup); };
    if (collapsing) {
        if (!keys) window_values.load(kSlotCopyGroup, shown);
        std::vector<std::string> shown_keys;
        for (auto& c : candidates) {
            if (std::string key = copy_key(c.did); !key.empty()) shown_keys.push_back(key);
        }
        copies = matches_per_key(db_, query, shown_keys);
    }
    const bool values_only = !request.fields.needs_stored_record();  // id and type: value slots
    if (values_only) {
        window_values.load(kSlotId, shown);
        if (request.fields.has(ResultField::Type)) window_values.load(kSlotType, shown);
    }
    std::size_t rank = request.offset;
    for (auto& c : candidates) {
        ResultItem item;
        if (values_only) {
            item.score = c.score;
            item.rank = ++rank;
            item.id = window_values.get(c.did, kSlotId);
            if (request.fields.has(ResultField::Type)) item.type = window_values.get(c.did, kSlotType);
        } else {
            item = make_result(c.read(), c.score, ++rank, snippets, request.snippet_length, request.fields);
        }
        if (collapsing) {
            const std::string key = copy_key(c.did);
            const auto found = copies.find(key);
            item.collapsed = key.empty() || found == copies.end() || found->second == 0 ? 0 : found->second - 1;
        }
        response.collapsed += item.collapsed;
        if (request.explain) {
            item.explanation = explain_score(db_, enquire, *weighting, c.it, schemas_.find(item.type), c.score, c.recency);
        }
        response.results.push_back(std::move(item));
    }

    // Did you mean: when little matched, offer the respelt query if it finds more.
    if (parsed.has_free_text && response.total < 3) {
        if (auto respelt = suggest_spelling(db_, analyzer_, request.query)) {
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

    for (const auto& spy : spies)
        if (spy.spy) values_spied_[spy.slot] += spy.spy->get_total();
    std::vector<FacetValue> group_values;
    for (std::size_t i = 0; i < spies.size(); ++i) {
        const bool is_group = facet_names[i] == group_facet;
        const bool asked = i < request.facets.size();
        if (is_group) {
            std::vector<FacetValue> values = facet_values(spies[i], column_spy, request.group_by == "month" ? "month" : "",
                                                          request.group_by == "month" ? 0 : request.group_limit);
            if (request.group_by == "month") {
                std::erase_if(values, [](const FacetValue& v) { return v.count == 0; });
                std::stable_sort(values.begin(), values.end(),
                                 [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
                if (values.size() > request.group_limit) values.resize(request.group_limit);
            }
            group_values = std::move(values);
        }
        if (asked) response.facets.emplace_back(facet_names[i], facet_values(spies[i], column_spy, request.date_buckets, request.facet_limit));
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
    return reading([&] { return show_once(id); });
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
    return reading([&] { return stats_once(); });
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
