#include "searcher/query_builder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "core/errors.h"
#include "core/slots.h"
#include "core/terms.h"
#include "searcher/date_filter.h"
#include "searcher/match_all.h"
#include "searcher/ranking.h"

namespace bw::query {
namespace {

using Q = Xapian::Query;

// How far a wildcard may expand: the most frequent matching terms win (Xapian's own default is
// unlimited, which a one-letter `a*` on a big index turns into a very slow query).
constexpr Xapian::termcount kWildcardExpansion = 100;

std::size_t char_count(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

bool is_ascii_space(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }

// Trims ASCII white space, moving `pos` (a 1-based character position) past what was cut at the front.
std::string_view trim(std::string_view text, std::size_t& pos) {
    while (!text.empty() && is_ascii_space(text.front())) {
        text.remove_prefix(1);
        ++pos;
    }
    while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
    return text;
}

Q combine(Q::op op, const std::vector<Q>& parts) {
    if (parts.empty()) return Q();
    if (parts.size() == 1) return parts.front();
    return Q(op, parts.begin(), parts.end());
}

// Upper-case words that name a topic or an everyday abbreviation more often than a company's ticker.
const std::set<std::string, std::less<>> kNotTickers = {"AI", "IT", "US", "UK", "EU", "CEO", "CFO", "GDP", "IPO", "ETF",
                                                        "API", "GPU", "CPU", "EV", "PC", "TV", "AM", "PM", "HBM", "USA"};

bool is_ticker_like(std::string_view word) {
    if (word.size() < 1 || word.size() > 7) return false;
    bool letter = false;
    for (char c : word) {
        if (c >= 'A' && c <= 'Z') letter = true;
        else if (c != '.' && c != '-') return false;
    }
    return letter;
}

// The entity a free-text word or phrase names, if any: an upper-case ticker or cashtag, or a registry
// name (a `common` entity only through a longer name than one word).
const Entity* bare_entity(const EntityRegistry& registry, std::string_view text) {
    while (!text.empty() && (text.front() == ' ')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ')) text.remove_suffix(1);
    if (text.size() > 1 && text.front() == '$') return registry.find_by_ticker(Analyzer::upper(text.substr(1)));
    if (is_ticker_like(text)) {
        if (const Entity* e = registry.find_by_name(text)) return e;  // AMD, TSMC
        if (kNotTickers.count(text)) return nullptr;
        return registry.find_by_ticker(text);
    }
    const Entity* e = registry.find_by_name(text);
    if (e && e->common && text.find(' ') == std::string_view::npos) return nullptr;
    return e;
}

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace

QueryBuilder::QueryBuilder(const FieldTable& fields, const Analyzer& analyzer, DefaultOperator default_op,
                           Timestamp now, const EntityRegistry* entities)
    : fields_(fields), analyzer_(analyzer), default_op_(default_op), now_(now), entities_(entities) {}

ParsedQuery QueryBuilder::build(const Node& root) {
    Built built = node(root, nullptr, true);
    ParsedQuery out;
    if (built.query.empty()) {
        out.query = match_all_query();
    } else {
        out.query = as_query(built);
        out.has_free_text = has_free_text_;
    }
    out.highlight_terms = std::move(terms_);
    out.highlight_stems = std::move(stems_);
    return out;
}

QueryBuilder::Built QueryBuilder::node(const Node& n, const std::vector<FieldTarget>* targets, bool positive) {
    switch (n.kind) {
        case NodeKind::Or: return alternatives(n, targets, positive);
        case NodeKind::Seq: return seq(n, targets, positive);
        case NodeKind::Word:
        case NodeKind::Phrase: return leaf(n, targets, positive);
        case NodeKind::Field: {
            const auto* field_targets = fields_.lookup(n.text);
            if (!field_targets) throw QuerySyntaxError("unknown field '" + n.text + "'", n.text_pos);
            if (n.children.empty()) return {};
            return node(n.children.front(), field_targets, positive);
        }
    }
    return {};
}

bool QueryBuilder::droppable_stopword(const Node& n, const std::vector<FieldTarget>* targets) const {
    if (!drop_stopwords_ || targets != nullptr || default_op_ != DefaultOperator::Or) return false;
    if (n.kind != NodeKind::Word || n.wildcard || n.mod != Modifier::None || n.and_joined) return false;
    std::vector<Token> tokens = analyzer_.tokenize(n.text);
    return tokens.size() == 1 && is_stopword(tokens[0].text);
}

QueryBuilder::Built QueryBuilder::seq(const Node& n, const std::vector<FieldTarget>* targets, bool positive) {
    std::vector<Q> required, optional, excluded;
    // Stopwords go only when something else is left to search for.
    std::vector<bool> dropped(n.children.size(), false);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
        dropped[i] = droppable_stopword(n.children[i], targets);
        kept += !dropped[i];
    }
    if (kept == 0) dropped.assign(n.children.size(), false);
    struct Group {
        std::string key;
        std::vector<Q> parts;
    };
    std::vector<Group> groups;
    std::map<std::string, std::size_t> group_of;  // field key -> its current group

    for (std::size_t child = 0; child < n.children.size(); ++child) {
        const Node& term = n.children[child];
        if (dropped[child]) continue;
        const bool is_excluded = term.mod == Modifier::Excluded;
        Built built = node(term, targets, positive && !is_excluded);
        if (built.query.empty()) continue;
        if (is_excluded) {
            excluded.push_back(std::move(built.query));
        } else if (built.filter) {
            auto it = built.key.empty() ? group_of.end() : group_of.find(built.key);
            if (it == group_of.end() || term.after_and) {
                if (!built.key.empty()) group_of[built.key] = groups.size();
                groups.push_back(Group{built.key, {std::move(built.query)}});
            } else {
                groups[it->second].parts.push_back(std::move(built.query));
            }
        } else if (term.mod == Modifier::Required || term.and_joined || default_op_ == DefaultOperator::And) {
            required.push_back(std::move(built.query));
        } else {
            optional.push_back(std::move(built.query));
        }
    }

    Q scored;
    if (!required.empty() && !optional.empty())
        scored = Q(Q::OP_AND_MAYBE, combine(Q::OP_AND, required), combine(Q::OP_OR, optional));
    else if (!required.empty())
        scored = combine(Q::OP_AND, required);
    else
        scored = combine(Q::OP_OR, optional);

    std::vector<Q> group_queries;
    for (const Group& group : groups) group_queries.push_back(combine(Q::OP_OR, group.parts));
    Q filter = combine(Q::OP_AND, group_queries);

    if (scored.empty() && excluded.empty()) {
        if (filter.empty()) return {};
        return Built{filter, true, groups.size() == 1 ? groups.front().key : std::string()};
    }
    Q query = scored.empty() ? match_all_query() : scored;
    if (!excluded.empty()) query = Q(Q::OP_AND_NOT, query, combine(Q::OP_OR, excluded));
    if (!filter.empty()) query = Q(Q::OP_FILTER, query, filter);
    return Built{query, false, {}};
}

QueryBuilder::Built QueryBuilder::alternatives(const Node& n, const std::vector<FieldTarget>* targets,
                                               bool positive) {
    std::vector<Built> parts;
    for (const Node& child : n.children) {
        Built built = node(child, targets, positive);
        if (!built.query.empty()) parts.push_back(std::move(built));
    }
    return any_of(std::move(parts));
}

QueryBuilder::Built QueryBuilder::any_of(std::vector<Built> parts) {
    if (parts.empty()) return {};
    if (parts.size() == 1) return std::move(parts.front());
    bool all_filters = std::all_of(parts.begin(), parts.end(), [](const Built& b) { return b.filter; });
    std::vector<Q> queries;
    for (const Built& part : parts) queries.push_back(all_filters ? part.query : as_query(part));
    Built out{Q(Q::OP_OR, queries.begin(), queries.end()), all_filters, {}};
    if (all_filters) {
        bool one_key = std::all_of(parts.begin(), parts.end(), [&](const Built& b) { return b.key == parts.front().key; });
        if (one_key) out.key = parts.front().key;
    }
    return out;
}

Q QueryBuilder::as_query(const Built& built) {
    return built.filter ? Q(Q::OP_SCALE_WEIGHT, built.query, 0.0) : built.query;
}

QueryBuilder::Built QueryBuilder::leaf(const Node& n, const std::vector<FieldTarget>* targets, bool positive) {
    if (!targets) {
        Built built = text(n, {""}, positive);
        if (entities_ && positive && !n.wildcard && !built.query.empty()) {
            if (const Entity* e = bare_entity(*entities_, n.text)) {
                Q entity(make_term(kEntityPrefix, entity_key(*e)));
                built.query = Q(Q::OP_OR, built.query, Q(Q::OP_SCALE_WEIGHT, entity, kEntityQueryWeight));
            }
        }
        return built;
    }
    std::vector<std::string> prefixes;  // every text target's prefix, searched together
    for (const FieldTarget& target : *targets) {
        if (target.field->role == FieldRole::Text &&
            std::find(prefixes.begin(), prefixes.end(), target.field->prefix) == prefixes.end())
            prefixes.push_back(target.field->prefix);
    }
    std::vector<Built> parts;
    bool text_done = false;
    for (const FieldTarget& target : *targets) {
        Built part;
        switch (target.field->role) {
            case FieldRole::Text:
                if (text_done) continue;
                text_done = true;
                part = text(n, prefixes, positive);
                break;
            case FieldRole::Keyword:
            case FieldRole::Id:
                part = keyword(n, *target.field);
                break;
            case FieldRole::Date:
            case FieldRole::Number:
                part = range(n, *target.field);
                break;
            case FieldRole::Stored:
                continue;
        }
        if (!part.query.empty()) parts.push_back(std::move(part));
    }
    return any_of(std::move(parts));
}

QueryBuilder::Built QueryBuilder::text(const Node& n, const std::vector<std::string>& prefixes, bool positive) {
    std::vector<Token> tokens = analyzer_.tokenize(n.text);
    if (tokens.empty()) return {};
    const bool wildcard = n.kind == NodeKind::Word && n.wildcard;
    // Every token gets the next query position (once, however many prefixes are searched).
    std::vector<Xapian::termpos> positions;
    for (std::size_t i = 0; i < tokens.size(); ++i) positions.push_back(++termpos_);
    if (positive) {
        has_free_text_ = true;
        for (std::size_t i = 0; i + (wildcard ? 1 : 0) < tokens.size(); ++i) highlight(tokens[i].text);
    }

    // The exact (unstemmed) terms of tokens [0, count) under `prefix`: one term or a phrase.
    auto exact = [&](const std::string& prefix, std::size_t count) {
        if (count == 1) return Q(make_term(prefix, tokens[0].text), 1, positions[0]);
        std::vector<Q> terms;
        for (std::size_t i = 0; i < count; ++i) terms.emplace_back(make_term(prefix, tokens[i].text), 1, positions[i]);
        return Q(Q::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(count));
    };

    std::vector<Built> parts;
    for (const std::string& prefix : prefixes) {
        Q query;
        if (wildcard) {
            // Xapian 1.4 phrases take only terms, so `u.s.-bas*` is the phrase/term before the
            // wildcard AND the wildcard.
            Q pattern(Q::OP_WILDCARD, prefix + tokens.back().text, kWildcardExpansion,
                      Q::WILDCARD_LIMIT_MOST_FREQUENT);
            query = tokens.size() == 1 ? pattern : Q(Q::OP_AND, exact(prefix, tokens.size() - 1), pattern);
        } else if (tokens.size() == 1 && n.kind == NodeKind::Word) {
            std::string stem = analyzer_.stem(tokens[0].text);
            std::string term = stem.empty() ? make_term(prefix, tokens[0].text) : stem_term(prefix, stem);
            query = Q(term, 1, positions[0]);
        } else {
            query = exact(prefix, tokens.size());
        }
        parts.push_back(Built{query, false, {}});
    }
    return any_of(std::move(parts));
}

QueryBuilder::Built QueryBuilder::keyword(const Node& n, const FieldSpec& field) {
    std::size_t pos = n.text_pos;
    std::string_view value = trim(n.text, pos);
    const std::string key = "K:" + field.prefix;
    if (&field == &FieldTable::type_field()) {
        std::string type = Analyzer::fold(value);
        const auto& types = fields_.types();
        if (n.wildcard || std::find(types.begin(), types.end(), type) == types.end()) {
            std::string known;
            for (const auto& t : types) known += (known.empty() ? "" : ", ") + t;
            throw QuerySyntaxError("unknown type '" + std::string(value) + (n.wildcard ? "*" : "") +
                                       "' (known types: " + known + ")",
                                   pos);
        }
        return Built{Q(std::string(kTypePrefix) + type), true, key};
    }
    if (field.role == FieldRole::Id) {
        if (value.empty()) return {};
        if (n.wildcard)
            return Built{Q(Q::OP_WILDCARD, std::string(kIdPrefix) + std::string(value), kWildcardExpansion,
                           Q::WILDCARD_LIMIT_MOST_FREQUENT),
                         true, "K:" + std::string(kIdPrefix)};
        return Built{Q(id_term(value)), true, "K:" + std::string(kIdPrefix)};
    }
    // Tickers may be written as cashtags: ticker:$MU.
    if (field.keyword_case == KeywordCase::Upper && value.size() > 1 && value.front() == '$') value.remove_prefix(1);
    if (value.empty()) return {};
    if (!n.wildcard && (&field == &FieldTable::stated_field() || field.prefix == "XTICKER" || field.prefix == "XACTOR"))
        return entity(field, value);
    std::string term = keyword_term(field, value);
    if (n.wildcard)
        return Built{Q(Q::OP_WILDCARD, term, kWildcardExpansion, Q::WILDCARD_LIMIT_MOST_FREQUENT), true, key};
    return Built{Q(term), true, key};
}

QueryBuilder::Built QueryBuilder::entity(const FieldSpec& field, std::string_view value) {
    const bool tickers_first = field.keyword_case == KeywordCase::Upper;
    const Entity* e = nullptr;
    if (entities_ && tickers_first) e = entities_->find_by_ticker(Analyzer::upper(value));
    if (entities_ && !e) e = entities_->resolve(value);
    std::vector<Q> terms;
    auto add = [&](std::string term) {
        Q q(term);
        for (const Q& t : terms) {
            if (t.serialise() == q.serialise()) return;
        }
        terms.push_back(std::move(q));
    };
    const std::string key = "K:" + field.prefix;
    if (&field == &FieldTable::stated_field()) {
        add(make_term(kStatedPrefix, Analyzer::fold(value)));
        add(make_term(kStatedPrefix, ticker_key(value)));
        if (e) {
            add(make_term(kStatedPrefix, Analyzer::fold(e->name)));
            for (const auto& t : e->tickers) add(make_term(kStatedPrefix, ticker_key(t)));
        }
        return Built{combine(Q::OP_OR, terms), true, key};
    }
    add(keyword_term(field, value));
    if (e) {
        add(make_term("XACTOR", Analyzer::fold(e->name)));
        for (const auto& t : e->tickers) {
            add(make_term("XTICKER", Analyzer::upper(t)));
            add(make_term("XTICKER", ticker_key(t)));
        }
    }
    return Built{combine(Q::OP_OR, terms), true, key};
}

QueryBuilder::Built QueryBuilder::range(const Node& n, const FieldSpec& field) {
    if (!field.slot) return {};
    const Xapian::valueno slot = *field.slot;
    std::size_t pos = n.text_pos;
    std::string raw(trim(n.text, pos));
    if (n.wildcard) raw += '*';
    const bool is_date = field.role == FieldRole::Date;

    // One end of a range (or a single value, which is both ends).
    auto bound = [&](std::string_view text, std::size_t at, bool upper) -> double {
        if (is_date) {
            auto span = parse_date_span(text, now_);
            if (!span) throw QuerySyntaxError("bad date '" + std::string(text) + "' for '" + field.name + "'", at);
            return static_cast<double>(upper ? span->end.seconds - 1 : span->begin.seconds);
        }
        auto number = parse_number(text);
        if (!number) throw QuerySyntaxError("bad number '" + std::string(text) + "' for '" + field.name + "'", at);
        return *number;
    };

    // A closed range on the main date becomes its D/M/Y terms where it can (searcher/date_filter.h).
    auto between = [&](double lo, double hi) {
        if (is_date && slot == kSlotDate) return main_date_between(lo, hi);
        return Q(Q::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(lo), Xapian::sortable_serialise(hi));
    };
    const std::string key = "V:" + std::to_string(slot);
    const std::size_t sep = raw.find("..");
    if (sep == std::string::npos) {
        if (raw.empty()) return {};
        double lo = bound(raw, pos, false), hi = bound(raw, pos, true);
        return Built{between(lo, hi), true, key};
    }
    std::string_view lo_text = std::string_view(raw).substr(0, sep);
    std::string_view hi_text = std::string_view(raw).substr(sep + 2);
    const std::size_t hi_pos = pos + char_count(lo_text) + 2;
    if (lo_text.empty() && hi_text.empty())
        throw QuerySyntaxError("empty range '..' for '" + field.name + "'", pos);
    if (hi_text.empty())
        return Built{Q(Q::OP_VALUE_GE, slot, Xapian::sortable_serialise(bound(lo_text, pos, false))), true, key};
    if (lo_text.empty())
        return Built{Q(Q::OP_VALUE_LE, slot, Xapian::sortable_serialise(bound(hi_text, hi_pos, true))), true, key};
    double lo = bound(lo_text, pos, false);
    double hi = bound(hi_text, hi_pos, true);
    if (lo > hi) throw QuerySyntaxError("backwards range '" + raw + "' (the start is after the end)", pos);
    return Built{between(lo, hi), true, key};
}

void QueryBuilder::highlight(const std::string& token) {
    if (seen_terms_.insert(token).second) terms_.push_back(token);
    std::string stem = analyzer_.stem(token);
    if (!stem.empty() && seen_stems_.insert(stem).second) stems_.push_back(stem);
}

}  // namespace bw::query
