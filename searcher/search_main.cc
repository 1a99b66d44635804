// bellwether-search: parses options into a SearchRequest, runs it, prints it in the chosen format.
// Exit codes: 0 success (also with no matches), 1 --show of an unknown id, 2 usage or query
// syntax error, 3 fatal (no database, unreadable database).
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <xapian.h>

#include "core/errors.h"
#include "searcher/batch.h"
#include "searcher/printers.h"
#include "searcher/searcher.h"

namespace po = boost::program_options;

namespace {

const char* kUsage =
    "Usage: bellwether-search [options] [QUERY...]\n"
    "Search a Bellwether database. QUERY syntax: words, \"phrases\", field:value (ticker:MU,\n"
    "actor:\"Morgan Stanley\", topic:AI, type:signal, title:micron), ranges (date:2026-03-01..2026-03-31,\n"
    "strength:7..), AND, OR, NOT, -word, +word, (parentheses), wildcard (semicond*).\n\nOptions";

std::string default_db() {
    const char* env = std::getenv("BELLWETHER_DB");
    return env && *env ? env : "./bellwether.db";
}

std::vector<std::string> split_commas(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (const auto& arg : args) {
        std::stringstream s(arg);
        std::string item;
        while (std::getline(s, item, ',')) {
            if (!item.empty()) out.push_back(item);
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string db_path, sort = "relevance", format = "text", show_id, related_id, match = "all";
    std::vector<std::string> words, tickers, actors, topics, places, types, sources, facets;
    std::string since, until, half_life = "30d", queries_file, run_tag = "bellwether";
    bool explain = false, no_collapse = false;
    bw::SearchRequest request;
    bool stats = false;
    po::options_description visible(kUsage);
    visible.add_options()
        ("help,h", "show this help")
        ("db", po::value(&db_path)->default_value(default_db(), "$BELLWETHER_DB or ./bellwether.db"), "database")
        ("ticker", po::value(&tickers)->composing(), "only documents with this ticker (repeatable: ORed)")
        ("actor", po::value(&actors)->composing(), "only documents naming this actor (repeatable)")
        ("topic", po::value(&topics)->composing(), "only documents with this topic/category (repeatable)")
        ("place", po::value(&places)->composing(), "only documents about this place (repeatable)")
        ("type", po::value(&types)->composing(), "article or signal")
        ("source", po::value(&sources)->composing(), "only documents from this source/publisher")
        ("since", po::value(&since), "on or after this date (2026-03-01, 2026-03, 30d, ...)")
        ("until", po::value(&until), "on or before this date")
        ("sort", po::value(&sort)->default_value("relevance"), "relevance|date|oldest|strength|recency")
        ("half-life", po::value(&half_life)->default_value("30d"), "--sort recency: age at which freshness halves")
        ("limit", po::value(&request.limit)->default_value(10), "results per page")
        ("offset", po::value(&request.offset)->default_value(0), "results to skip")
        ("format", po::value(&format)->default_value("text"), "text|json|jsonl|csv (and trec with --queries)")
        ("facets", po::value(&facets)->composing(), "comma list: ticker,actor,topic,place,source,author,type,date")
        ("facet-limit", po::value(&request.facet_limit)->default_value(10), "values per facet")
        ("date-buckets", po::value(&request.date_buckets)->default_value("auto"), "day|week|month|year|auto")
        ("snippet-length", po::value(&request.snippet_length)->default_value(200), "snippet length in characters")
        ("match", po::value(&match)->default_value("all"), "words side by side must all match (all) or any (any)")
        ("group-by", po::value(&request.group_by), "ticker|actor|topic|place|source|author|type|month: top groups")
        ("group-limit", po::value(&request.group_limit)->default_value(10), "groups returned")
        ("group-size", po::value(&request.group_size)->default_value(3), "best documents per group")
        ("no-collapse", po::bool_switch(&no_collapse), "do not fold documents sharing a duplicate key")
        ("explain", po::bool_switch(&explain), "break each score down by term, field and recency")
        ("queries", po::value(&queries_file), "run one query per line of FILE (ID<TAB>query or query)")
        ("run-tag", po::value(&run_tag)->default_value("bellwether"), "tag column of --format trec")
        ("show", po::value(&show_id), "print the stored document with this id as JSON (with its links)")
        ("related", po::value(&related_id), "the documents most like the one with this id (not its copies)")
        ("stats", po::bool_switch(&stats), "print document counts, date range and size");
    po::options_description hidden;
    hidden.add_options()("query", po::value(&words)->composing(), "query");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("query", -1);

    bw::OutputFormat output = bw::OutputFormat::Text;
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        if (vm.count("help")) {
            std::cout << visible << "\n";
            return 0;
        }
        po::notify(vm);
        for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
        request.sort = bw::parse_sort_order(sort);
        request.half_life_days = bw::parse_half_life(half_life);
        request.explain = explain;
        request.collapse = !no_collapse;
        if (format == "trec") {
            if (queries_file.empty()) throw bw::UsageError("--format trec needs --queries FILE");
        } else {
            output = bw::parse_output_format(format);
        }
        if (match == "all") request.default_op = bw::DefaultOperator::And;
        else if (match == "any") request.default_op = bw::DefaultOperator::Or;
        else throw bw::UsageError("--match must be all or any");
        auto add = [&](const char* name, const std::vector<std::string>& values) {
            if (!values.empty()) request.filters[name] = values;
        };
        add("ticker", tickers);
        add("actor", actors);
        add("topic", topics);
        add("place", places);
        add("type", types);
        add("source", sources);
        if (!since.empty()) request.since = since;
        if (!until.empty()) request.until = until;
        request.facets = split_commas(facets);
    } catch (const po::error& e) {
        std::cerr << "bellwether-search: error: " << e.what() << "\n(see bellwether-search --help)\n";
        return 2;
    } catch (const bw::UsageError& e) {
        std::cerr << "bellwether-search: error: " << e.what() << "\n";
        return 2;
    }

    try {
        bw::Searcher searcher(db_path);
        if (!show_id.empty()) {
            std::cout << searcher.show(show_id).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
            return 0;
        }
        if (!related_id.empty()) {
            bw::SearchResponse response = searcher.related(related_id, request);
            switch (output) {
                case bw::OutputFormat::Json: bw::print_json(response, std::cout); break;
                case bw::OutputFormat::Jsonl: bw::print_jsonl(response, std::cout); break;
                case bw::OutputFormat::Csv: bw::print_csv(response, std::cout); break;
                case bw::OutputFormat::Text: bw::print_text(response, std::cout, isatty(STDOUT_FILENO)); break;
            }
            return 0;
        }
        if (stats) {
            std::cout << searcher.stats().dump(2) << "\n";
            return 0;
        }
        if (!queries_file.empty()) {
            bw::BatchFormat batch = format == "trec"    ? bw::BatchFormat::Trec
                                    : format == "json"  ? bw::BatchFormat::Json
                                    : format == "jsonl" ? bw::BatchFormat::Jsonl
                                    : format == "csv"   ? bw::BatchFormat::Csv
                                                        : bw::BatchFormat::Text;
            std::size_t failed = bw::run_query_file(searcher, request, queries_file, batch, run_tag, std::cout, std::cerr);
            return failed ? 2 : 0;
        }
        bw::SearchResponse response = searcher.search(request);
        switch (output) {
            case bw::OutputFormat::Json: bw::print_json(response, std::cout); break;
            case bw::OutputFormat::Jsonl: bw::print_jsonl(response, std::cout); break;
            case bw::OutputFormat::Csv: bw::print_csv(response, std::cout); break;
            case bw::OutputFormat::Text: bw::print_text(response, std::cout, isatty(STDOUT_FILENO)); break;
        }
        return 0;
    } catch (const bw::QuerySyntaxError& e) {
        std::cerr << "bellwether-search: query error: " << e.what() << "\n";
        return 2;
    } catch (const bw::UsageError& e) {
        std::cerr << "bellwether-search: error: " << e.what() << "\n";
        return 2;
    } catch (const bw::NotFoundError& e) {
        std::cerr << "bellwether-search: " << e.what() << "\n";
        return 1;
    } catch (const bw::Error& e) {
        std::cerr << "bellwether-search: fatal: " << e.what() << "\n";
        return 3;
    } catch (const Xapian::Error& e) {
        std::cerr << "bellwether-search: fatal: " << e.get_description() << "\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "bellwether-search: fatal: " << e.what() << "\n";
        return 3;
    }
}
