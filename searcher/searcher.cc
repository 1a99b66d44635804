#include "searcher/searcher.h"

#include <filesystem>

#include "core/errors.h"
#include "core/metadata.h"
#include "core/slots.h"
#include "core/terms.h"
#include "searcher/facets.h"
#include "searcher/snippets.h"

namespace bw {
namespace {

using ojson = nlohmann::ordered_json;
constexpr std::size_t kMaxLimit = 10000;

std::optional<std::string> string_field(const nlohmann::json& data, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        auto it = data.find(name);
        if (it != data.end() && it->is_string()) return it->get<std::string>();
    }
    return std::nullopt;
}

std::vector<std::string> list_field(const nlohmann::json& data, std::initializer_list<const char*> names) {
    std::vector<std::string> out;
    for (const char* name : names) {
        auto it = data.find(name);
        if (it == data.end() || !it->is_array()) continue;
        for (const auto& v : *it) {
            if (v.is_string()) out.push_back(v.get<std::string>());
        }
    }
    return out;
}

// Text a snippet can be cut from, for one text field of a record.
std::string field_text(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    std::string text;
    if (!value.is_array()) return text;
    for (const auto& source : value) {  // "sources": quotes first, they are what the reader wants
        if (auto q = source.find("quotes"); q != source.end() && q->is_array()) {
            for (const auto& quote : *q) {
                if (auto t = quote.find("text"); t != quote.end() && t->is_string()) text += "“" + t->get<std::string>() + "” ";
            }
        }
        if (auto t = source.find("title"); t != source.end() && t->is_string()) text += t->get<std::string>() + ". ";
    }
    return text;
}

std::uint64_t directory_size(const std::string& path) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    }
    return total;
}

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
    try {
        db_ = Xapian::Database(db_path);
    } catch (const Xapian::Error& e) {
        throw DatabaseError(db_path + ": cannot open the database: " + e.get_description());
    }
    schemas_ = read_schemas(db_);
    fields_ = std::make_unique<FieldTable>(schemas_);
}

void Searcher::refresh() {
    try {
        db_.reopen();
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_ + ": cannot reopen the database: " + e.get_description());
    }
}

SearchResponse Searcher::search(const SearchRequest& request) {
    try {
        return run(request);
    } catch (const Xapian::DatabaseModifiedError&) {
        refresh();  // a writer committed over the revision we were reading; retry once on the new one
        return run(request);
    }
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
                for (const auto& v : values) alternatives.emplace_back(keyword_term(*target.field, v));
            }
        }
        parts.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    }
    Xapian::Query dates = date_range(request.since, request.until);
    if (!dates.empty()) parts.push_back(dates);
    if (parts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

SearchResponse Searcher::run(const SearchRequest& request) {
    if (request.limit > kMaxLimit) throw UsageError("--limit may be at most " + std::to_string(kMaxLimit));
    QueryParser parser(*fields_, analyzer_, request.default_op);
    ParsedQuery parsed = parser.parse(request.query);
    Xapian::Query query = parsed.query;
    Xapian::Query filters = filter_query(request);
    if (!filters.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filters);

    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    SortOrder sort = request.sort;
    if (sort == SortOrder::Relevance && !parsed.has_free_text) sort = SortOrder::Date;  // nothing to rank by
    switch (sort) {
        case SortOrder::Relevance: enquire.set_sort_by_relevance_then_value(kSlotDate, true); break;
        case SortOrder::Date: enquire.set_sort_by_value_then_relevance(kSlotDate, true); break;
        case SortOrder::Oldest: enquire.set_sort_by_value_then_relevance(kSlotDate, false); break;
        case SortOrder::Strength: enquire.set_sort_by_value_then_relevance(kSlotStrength, true); break;
    }

    // Facets: one spy per facet, counting over every match.
    struct FacetSpy {
        std::string name;
        std::unique_ptr<Xapian::MatchSpy> spy;
        bool multi = false;
        bool date = false;
    };
    std::vector<FacetSpy> spies;
    for (const auto& facet : request.facets) {
        FacetSpy entry{facet, nullptr};
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
            if (!slot) throw UsageError("unknown facet '" + facet + "' (try ticker, actor, topic, place, source, author, type, date)");
            entry.spy = std::make_unique<MultiValueCountSpy>(*slot);
            entry.multi = true;
        }
        enquire.add_matchspy(entry.spy.get());
        spies.push_back(std::move(entry));
    }

    const Xapian::doccount all = db_.get_doccount();
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                         static_cast<Xapian::doccount>(request.limit), all);

    SearchResponse response;
    response.query = request.query;
    response.total = mset.get_matches_estimated();
    response.offset = request.offset;
    response.limit = request.limit;

    SnippetMaker snippets(analyzer_, parsed.highlight_terms, parsed.highlight_stems);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Xapian::Document doc = it.get_document();
        nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
        if (data.is_discarded() || !data.is_object()) data = nlohmann::json::object();
        ResultItem item;
        item.id = string_field(data, {"id"}).value_or("");
        item.type = string_field(data, {"type"}).value_or(doc.get_value(kSlotType));
        item.score = it.get_weight();
        item.rank = request.offset + it.get_rank() - mset.get_firstitem() + 1;
        item.title = string_field(data, {"title"});
        item.date = string_field(data, {"date"});
        item.source = string_field(data, {"source", "publisher"});
        item.url = string_field(data, {"url"});
        item.tickers = list_field(data, {"tickers"});
        item.actors = list_field(data, {"actors"});
        item.topics = list_field(data, {"topics", "categories"});
        if (auto s = data.find("strength"); s != data.end() && s->is_number()) item.strength = s->get<double>();

        // Snippet: the first non-title text field with a match, else the first non-empty one.
        std::optional<Snippet> fallback;
        if (const Schema* schema = schemas_.find(item.type)) {
            for (const auto& field : schema->fields()) {
                if (field.role != FieldRole::Text || field.name == "title") continue;
                auto value = data.find(field.name);
                if (value == data.end()) continue;
                std::string text = field_text(*value);
                if (text.empty()) continue;
                bool matched = false;
                Snippet s = snippets.make(text, request.snippet_length, &matched);
                if (matched) {
                    item.snippet = std::move(s);
                    fallback.reset();
                    break;
                }
                if (!fallback) fallback = std::move(s);
            }
        }
        if (item.snippet.text.empty()) {
            if (fallback) item.snippet = std::move(*fallback);
            else if (item.title) item.snippet = snippets.make(*item.title, request.snippet_length);
        }
        response.results.push_back(std::move(item));
    }

    for (auto& entry : spies) {
        std::vector<FacetValue> values;
        if (entry.multi) {
            values = top_values(static_cast<MultiValueCountSpy&>(*entry.spy).counts(), request.facet_limit);
        } else {
            auto& spy = static_cast<Xapian::ValueCountMatchSpy&>(*entry.spy);
            std::map<std::string, std::size_t> counts;
            for (auto v = spy.values_begin(); v != spy.values_end(); ++v) counts[*v] = v.get_termfreq();
            values = entry.date ? date_histogram(counts, request.date_buckets) : top_values(counts, request.facet_limit);
        }
        response.facets.emplace_back(entry.name, std::move(values));
    }
    return response;
}

nlohmann::ordered_json Searcher::show(const std::string& id) {
    std::string term = id_term(id);
    Xapian::PostingIterator it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) throw NotFoundError("no document with id '" + id + "'");
    Xapian::Document doc = db_.get_document(*it);
    ojson data = ojson::parse(doc.get_data(), nullptr, false);
    if (data.is_discarded()) throw DatabaseError("document '" + id + "' has unreadable stored data");
    return data;
}

nlohmann::ordered_json Searcher::stats() {
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
    return out;
}

}  // namespace bw
