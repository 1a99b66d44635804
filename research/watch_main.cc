// bellwether-watch: saved searches that report what is new in the archive since they last ran.
//   bellwether-watch [--db PATH] add NAME QUERY... [--ticker T]... [--actor A]... [--topic X]...
//                    [--place P]... [--type T] [--source S] [--replace]
//   bellwether-watch [--db PATH] list [--format text|json]
//   bellwether-watch [--db PATH] remove NAME
//   bellwether-watch [--db PATH] run [NAME] [--format text|json] [--limit N]
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <boost/program_options.hpp>

#include "core/dates.h"
#include "core/errors.h"
#include "research/watchlist.h"
#include "searcher/printers.h"
#include "searcher/searcher.h"

namespace po = boost::program_options;

namespace {

std::string default_db() {
    const char* env = std::getenv("BELLWETHER_DB");
    return env && *env ? env : "bellwether.db";
}

void print_report(const bw::WatchReport& report, const std::string& format, std::ostream& out) {
    if (format == "json") {
        nlohmann::ordered_json body = bw::response_to_json(report.response);
        nlohmann::ordered_json object;
        object["watch"] = report.watch.name;
        object["query"] = report.watch.query;
        object["first_run"] = report.watch.mark == 0;
        object["total"] = body["total"];
        object["results"] = body["results"];
        out << object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return;
    }
    out << "== " << report.watch.name << ":";
    if (!report.watch.query.empty()) out << " " << report.watch.query;
    for (const auto& [field, values] : report.watch.filters) {
        for (const auto& v : values) out << " " << field << ":" << v;
    }
    out << (report.watch.mark == 0 ? " (first run: every match)" : report.watch.last_run ? " (new since " + *report.watch.last_run + ")" : "") << "\n";
    if (report.response.total == 0) {
        out << "nothing new\n\n";
        return;
    }
    bw::print_text(report.response, out, isatty(STDOUT_FILENO));
    out << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::string db = default_db(), format = "text", type, source;
    std::size_t limit = 100;
    bool replace = false;
    std::vector<std::string> words, tickers, actors, topics, places;
    po::options_description options(
        "Usage: bellwether-watch [--db PATH] add NAME QUERY... [filters] | list | remove NAME | run [NAME]\n"
        "Saved searches that report documents indexed (or changed) since the watch last ran.\nOptions");
    options.add_options()
        ("help,h", "show this help")
        ("db", po::value(&db), "database (default $BELLWETHER_DB or ./bellwether.db)")
        ("ticker", po::value(&tickers)->composing(), "add: only documents with this ticker (repeatable)")
        ("actor", po::value(&actors)->composing(), "add: only documents naming this actor (repeatable)")
        ("topic", po::value(&topics)->composing(), "add: only documents with this topic (repeatable)")
        ("place", po::value(&places)->composing(), "add: only documents about this place (repeatable)")
        ("type", po::value(&type), "add: article or signal")
        ("source", po::value(&source), "add: only documents from this source")
        ("replace", po::bool_switch(&replace), "add: overwrite a watch of the same name")
        ("format", po::value(&format), "list/run: text|json")
        ("limit", po::value(&limit), "run: most results per watch (default 100)")
        ("words", po::value(&words)->composing(), "command and its arguments");
    po::positional_options_description positional;
    positional.add("words", -1);
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
        po::notify(vm);
        if (vm.count("help") || words.empty()) {
            std::cout << options << "\n";
            return words.empty() && !vm.count("help") ? 2 : 0;
        }
        if (format != "text" && format != "json") throw bw::UsageError("--format must be text or json");
        const std::string command = words[0];
        if (command == "add") {
            if (words.size() < 2) throw bw::UsageError("add NAME QUERY...: a name is needed");
            bw::Watch watch;
            watch.name = words[1];
            bw::validate_watch_name(watch.name);
            for (std::size_t i = 2; i < words.size(); ++i) watch.query += (i > 2 ? " " : "") + words[i];
            if (!tickers.empty()) watch.filters["ticker"] = tickers;
            if (!actors.empty()) watch.filters["actor"] = actors;
            if (!topics.empty()) watch.filters["topic"] = topics;
            if (!places.empty()) watch.filters["place"] = places;
            if (!type.empty()) watch.filters["type"] = {type};
            if (!source.empty()) watch.filters["source"] = {source};
            if (watch.query.empty() && watch.filters.empty()) throw bw::UsageError("add: give a query or a filter");
            {
                // Validate the query and filters now, not at the first run.
                bw::Searcher searcher(db);
                bw::SearchRequest probe;
                probe.query = watch.query;
                probe.filters = watch.filters;
                probe.limit = 0;
                searcher.search(probe);
            }
            bw::WatchStore store(db);
            if (store.find(watch.name) && !replace)
                throw bw::UsageError("a watch named '" + watch.name + "' exists (--replace overwrites it)");
            watch.created = bw::now_utc().iso();
            store.save(watch);
            store.commit();
            std::cerr << "bellwether-watch: added '" << watch.name << "'\n";
            return 0;
        }
        if (command == "list") {
            bw::WatchStore store(db);
            auto watches = store.list();
            if (format == "json") {
                nlohmann::ordered_json out = nlohmann::ordered_json::array();
                for (const auto& w : watches) out.push_back(w.to_json());
                std::cout << out.dump(2) << "\n";
            } else {
                if (watches.empty()) std::cout << "no watches\n";
                for (const auto& w : watches) {
                    std::cout << w.name << "\t" << w.query;
                    for (const auto& [field, values] : w.filters) {
                        for (const auto& v : values) std::cout << " " << field << ":" << v;
                    }
                    std::cout << "\tlast run: " << w.last_run.value_or("never") << "\n";
                }
            }
            return 0;
        }
        if (command == "remove") {
            if (words.size() != 2) throw bw::UsageError("remove NAME");
            bw::WatchStore store(db);
            store.remove(words[1]);
            store.commit();
            std::cerr << "bellwether-watch: removed '" << words[1] << "'\n";
            return 0;
        }
        if (command == "run") {
            if (words.size() > 2) throw bw::UsageError("run [NAME]");
            bw::WatchStore store(db);
            std::vector<bw::Watch> watches;
            if (words.size() == 2) {
                auto watch = store.find(words[1]);
                if (!watch) throw bw::NotFoundError("no watch named '" + words[1] + "'");
                watches.push_back(*watch);
            } else {
                watches = store.list();
            }
            auto reports = bw::run_watches(db, store, watches, limit);
            store.commit();  // the new marks, after the reports were made
            for (const auto& report : reports) print_report(report, format, std::cout);
            return 0;
        }
        throw bw::UsageError("unknown command '" + command + "' (add, list, remove, run)");
    } catch (const po::error& e) {
        std::cerr << "bellwether-watch: " << e.what() << "\n";
        return 2;
    } catch (const bw::QuerySyntaxError& e) {
        std::cerr << "bellwether-watch: query error: " << e.what() << "\n";
        return 2;
    } catch (const bw::UsageError& e) {
        std::cerr << "bellwether-watch: " << e.what() << "\n";
        return 2;
    } catch (const bw::NotFoundError& e) {
        std::cerr << "bellwether-watch: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "bellwether-watch: fatal: " << e.what() << "\n";
        return 3;
    }
}
