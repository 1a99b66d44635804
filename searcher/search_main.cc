// bellwether-search: parses options into a SearchRequest, runs it, prints it in the chosen format.
// Exit codes: 0 success (also with no matches), 1 --show of an unknown id, 2 usage or query
// syntax error, 3 fatal (no database, unreadable database).
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <xapian.h>

#include "core/command_line.h"
#include "core/errors.h"
#include "searcher/batch.h"
#include "searcher/printers.h"
#include "searcher/request_params.h"
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

// The search options given on the command line as named parameters for bw::build_search_request.
// Options left at their default are not passed: the shared mapping owns the defaults.
bw::SearchParams search_params(const po::variables_map& vm, const std::vector<std::string>& words) {
    bw::SearchParams params;
    std::string query;
    for (const auto& w : words) query += (query.empty() ? "" : " ") + w;
    if (!query.empty()) params.emplace_back("q", query);
    const auto& names = bw::search_param_names();
    for (const auto& [option, value] : vm) {
        std::string name = option;
        std::replace(name.begin(), name.end(), '-', '_');
        if (value.defaulted() || name == "q" || std::find(names.begin(), names.end(), name) == names.end()) continue;
        if (const auto* list = boost::any_cast<std::vector<std::string>>(&value.value())) {
            for (const auto& item : *list) params.emplace_back(name, item);
        } else if (const auto* text = boost::any_cast<std::string>(&value.value())) {
            params.emplace_back(name, *text);
        } else if (const auto* flag = boost::any_cast<bool>(&value.value()); flag && *flag) {
            params.emplace_back(name, "true");
        }
    }
    if (vm.count("no-collapse") && vm["no-collapse"].as<bool>()) params.emplace_back("collapse", "false");
    return params;
}

}  // namespace

int main(int argc, char** argv) {
    // Search options are kept as text and handed to bw::build_search_request (searcher/request_params.h),
    // the mapping bellwether-serve's /api/search uses too: same names, defaults and messages.
    std::string db_path, format = "text", show_id, related_id, queries_file, run_tag = "bellwether";
    std::vector<std::string> words;
    bool stats = false;
    using strings = std::vector<std::string>;
    po::options_description visible(kUsage);
    visible.add_options()
        ("help,h", "show this help")
        ("db", po::value(&db_path)->default_value(default_db(), "$BELLWETHER_DB or ./bellwether.db"), "database")
        ("ticker", po::value<strings>()->composing(), "only documents with this ticker (repeatable: ORed)")
        ("actor", po::value<strings>()->composing(), "only documents naming this actor (repeatable)")
        ("topic", po::value<strings>()->composing(), "only documents with this topic/category (repeatable)")
        ("place", po::value<strings>()->composing(), "only documents about this place (repeatable)")
        ("type", po::value<strings>()->composing(), "article or signal")
        ("source", po::value<strings>()->composing(), "only documents from this source/publisher")
        ("since", po::value<std::string>(), "on or after this date (2026-03-01, 2026-03, 30d, ...)")
        ("until", po::value<std::string>(), "on or before this date")
        ("sort", po::value<std::string>()->default_value("relevance"), "relevance|date|oldest|strength|recency")
        ("half-life", po::value<std::string>()->default_value("30d"), "--sort recency: age at which freshness halves")
        ("limit", po::value<std::string>()->default_value("10"), "results per page")
        ("offset", po::value<std::string>()->default_value("0"), "results to skip")
        ("format", po::value(&format)->default_value("text"), "text|json|jsonl|csv (and trec with --queries)")
        ("facets", po::value<strings>()->composing(), "comma list: ticker,actor,topic,place,source,author,type,date")
        ("facet-limit", po::value<std::string>()->default_value("10"), "values per facet")
        ("date-buckets", po::value<std::string>()->default_value("auto"), "day|week|month|year|auto")
        ("snippet-length", po::value<std::string>()->default_value("200"), "snippet length in characters")
        ("fields", po::value<std::string>(), "comma list of result fields besides id, rank and score (default all): "
                                             "type,title,date,source,url,tickers,actors,topics,strength,snippet")
        ("match", po::value<std::string>()->default_value("all"), "words side by side must all match (all) or any (any)")
        ("group-by", po::value<std::string>(), "ticker|actor|topic|place|source|author|type|month: top groups")
        ("group-limit", po::value<std::string>()->default_value("10"), "groups returned")
        ("group-size", po::value<std::string>()->default_value("3"), "best documents per group")
        ("no-collapse", po::bool_switch(), "do not fold documents sharing a duplicate key")
        ("exact-total", po::bool_switch(), "count every match exactly (default: exactly up to 10,000, then an estimate)")
        ("count-up-to", po::value<std::string>(), "count matches exactly up to N, then estimate (default 10000; 0: only what the page needs)")
        ("explain", po::bool_switch(), "break each score down by term, field and recency")
        ("ranking", po::value<std::string>(), "ranking profile: default|bm25|xapian[,model=ineb2|bm25|pl2|dph|...,k1=X,b=X,c=X,stopwords=1,prf_docs=N,...] (README \"Measured relevance\")")
        ("queries", po::value(&queries_file), "run one query per line of FILE (ID<TAB>query or query)")
        ("run-tag", po::value(&run_tag)->default_value("bellwether"), "tag column of --format trec")
        ("show", po::value(&show_id), "print the stored document with this id as JSON (with its links)")
        ("related", po::value(&related_id), "the documents most like the one with this id (not its copies; --limit)")
        ("stats", po::bool_switch(&stats), "print document counts, date range and size");
    bw::OutputFormat output = bw::OutputFormat::Text;
    bw::SearchRequest request;
    try {
        const auto parsed = bw::parse_command_line(argc, argv, visible, "query", words);
        if (!parsed) return 0;  // --help
        const po::variables_map& vm = *parsed;
        request = bw::build_search_request(search_params(vm, words));
        if (format == "trec") {
            if (queries_file.empty()) throw bw::UsageError("--format trec needs --queries FILE");
        } else {
            output = bw::parse_output_format(format);
        }
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
            bw::SearchResponse response = searcher.related(related_id, request.limit);
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
