// The semantic half of the query parser: syntax tree (query_ast.h) -> Xapian::Query. Words and
// phrases go through the Analyzer; `field:value` is resolved through the FieldTable; dates and
// numbers become value ranges. Errors in values (a bad date or number, a backwards range, an
// unknown document type) are QuerySyntaxErrors at the value's position.
//
// How a Seq (terms side by side) is combined, as Lucene's BooleanQuery and Xapian's QueryParser do:
//  - excluded terms (-t, NOT t) are ORed and removed: P AND_NOT (e1 OR e2 ...);
//  - filters (keyword, type, id, date and number terms, and groups made only of them) never score:
//    same-field filters are ORed, different fields ANDed, and the result filters: P FILTER F.
//    An explicit AND between two filters of one field ANDs them (`ticker:MU AND ticker:NVDA`);
//  - other terms score: +t, terms next to an explicit AND and (default operator And) every term are
//    required; with default operator Or the rest are optional: AND_MAYBE(AND(required), OR(optional)).
// A part with nothing but filters stays a filter when nested, so `(ticker:MU OR ticker:NVDA) memory`
// filters; where it must stand as a query of its own (the whole query, an OR next to scored
// alternatives) it is scaled by 0, as Xapian's QueryParser does: `ticker:MU` -> 0 * XTICKER:MU.
//
// Entities (core/entities.h): `ticker:`, `actor:` (and its names `company:`, `org:`) and `stated:` values
// the registry knows resolve to the entity, so ticker:MU, actor:Micron, actor:"Micron Technology" and
// company:micron are one filter: XTICKER:MU OR XACTORmicron (the indexer writes both for any document
// naming Micron). A free-text word or phrase that names a known company or ticker (`micron`, `MU`,
// `$MU`, "Morgan Stanley"; not a lower-case ticker, not an ordinary word like `target`) is ORed with its
// XENTITY term scaled by kEntityQueryWeight, so documents that name the company another way also match,
// below those with the word itself.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/analyzer.h"
#include "core/dates.h"
#include "core/entities.h"
#include "searcher/field_table.h"
#include "searcher/query_ast.h"
#include "searcher/query_parser.h"

namespace bw::query {

class QueryBuilder {
public:
    // `entities` may be nullptr: no entity resolution.
    QueryBuilder(const FieldTable& fields, const Analyzer& analyzer, DefaultOperator default_op, Timestamp now,
                 const EntityRegistry* entities = nullptr);
    ParsedQuery build(const Node& root);
    void set_drop_stopwords(bool drop) { drop_stopwords_ = drop; }

private:
    // Whether `n` is a plain optional word that is a stopword (see QueryParser::set_drop_stopwords).
    bool droppable_stopword(const Node& n, const std::vector<FieldTarget>* targets) const;

    // What a node built to: an empty query when it had no terms (a word of punctuation).
    struct Built {
        Xapian::Query query;
        bool filter = false;  // a boolean filter: no weight, may go to the right of OP_FILTER
        std::string key;      // for a filter: which field(s) it tests, to group same-field filters
    };

    Built node(const Node& n, const std::vector<FieldTarget>* targets, bool positive);
    Built seq(const Node& n, const std::vector<FieldTarget>* targets, bool positive);
    Built alternatives(const Node& n, const std::vector<FieldTarget>* targets, bool positive);
    // A Word or Phrase, as free text (targets == nullptr) or as the value of a field.
    Built leaf(const Node& n, const std::vector<FieldTarget>* targets, bool positive);
    Built text(const Node& n, const std::vector<std::string>& prefixes, bool positive);
    Built keyword(const Node& n, const FieldSpec& field);
    // ticker:/actor:/company:/stated: values the registry knows: every term of the entity.
    Built entity(const FieldSpec& field, std::string_view value);
    Built range(const Node& n, const FieldSpec& field);

    // Combines alternatives: a filter if every part is one, else an OR with the filters scaled by 0.
    static Built any_of(std::vector<Built> parts);
    static Xapian::Query as_query(const Built& built);  // a filter standing on its own: 0 * filter
    void highlight(const std::string& token);

    const FieldTable& fields_;
    const Analyzer& analyzer_;
    DefaultOperator default_op_;
    Timestamp now_;
    const EntityRegistry* entities_;
    Xapian::termpos termpos_ = 0;
    bool has_free_text_ = false;
    bool drop_stopwords_ = false;
    std::vector<std::string> terms_, stems_;
    std::set<std::string> seen_terms_, seen_stems_;
};

}  // namespace bw::query
