// Bellwether search page: the state lives in the URL (same parameter names as /api/search), so a
// search can be bookmarked, shared and navigated with Back/Forward. No framework, no build step.
"use strict";

const FILTERS = ["ticker", "actor", "topic", "place", "type", "source"];
const FACETS = ["type", "ticker", "actor", "topic", "source"];
const FACET_TITLES = { type: "Type", ticker: "Tickers", actor: "Actors", topic: "Topics", source: "Sources" };
const PAGE_SIZE = 10;
const $ = (id) => document.getElementById(id);

// ---- state <-> URL -------------------------------------------------------------------------
function readState() {
  const p = new URLSearchParams(location.search);
  const state = { q: p.get("q") || "", sort: p.get("sort") || "relevance", since: p.get("since") || "",
                  until: p.get("until") || "", offset: Math.max(0, parseInt(p.get("offset") || "0", 10) || 0),
                  filters: {} };
  for (const f of FILTERS) state.filters[f] = p.getAll(f);
  return state;
}

function stateParams(state) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const f of FILTERS) for (const v of state.filters[f]) p.append(f, v);
  if (state.since) p.set("since", state.since);
  if (state.until) p.set("until", state.until);
  if (state.sort !== "relevance") p.set("sort", state.sort);
  if (state.offset) p.set("offset", String(state.offset));
  return p;
}

function navigate(state, replace = false) {
  const qs = stateParams(state).toString();
  const url = location.pathname + (qs ? "?" + qs : "");
  if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  render(state);
}

function update(change) {
  const state = readState();
  change(state);
  navigate(state);
}

// ---- helpers ---------------------------------------------------------------------------------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

async function api(path, params) {
  const res = await fetch(path + (params ? "?" + params.toString() : ""), { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ? body.error.message : "HTTP " + res.status);
  return body;
}

function toggleFilter(name, value) {
  update((s) => {
    const list = s.filters[name];
    const i = list.indexOf(value);
    if (i >= 0) list.splice(i, 1); else list.push(value);
    s.offset = 0;
  });
}

// The since/until span of a date-histogram bucket: 2026, 2026-03, 2026-W13 or 2026-03-27.
function bucketSpan(key) {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!week) return [key, key];
  const year = +week[1], n = +week[2];
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (n - 1) * 7 * 86400000);
  const sunday = new Date(monday.getTime() + 6 * 86400000);
  return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
}

// ---- rendering -------------------------------------------------------------------------------
let generation = 0;

async function render(state) {
  const mine = ++generation;
  $("q").value = state.q;
  $("sort").value = state.sort;
  renderActiveFilters(state);
  const params = stateParams(state);
  params.set("limit", String(PAGE_SIZE));
  params.set("facets", FACETS.concat("date").join(","));
  $("status").textContent = "Searching…";
  let data;
  try {
    data = await api("/api/search", params);
  } catch (e) {
    if (mine !== generation) return;
    $("status").textContent = e.message;
    $("status").className = "error";
    $("result-list").replaceChildren();
    $("pager").hidden = true;
    return;
  }
  if (mine !== generation) return;  // a newer search is on its way
  $("status").className = "";
  const first = data.total ? data.offset + 1 : 0, last = data.offset + data.results.length;
  $("status").textContent = data.total
    ? `Results ${first}–${last} of ${data.total_exact === false ? "about " : ""}${data.total}` : "No documents match.";
  document.title = (state.q ? state.q + " – " : "") + "Bellwether Search";
  renderSuggestion(data.suggestion);
  $("result-list").replaceChildren(...data.results.map(renderResult));
  renderFacets(state, data.facets);
  renderHistogram(state, data.facets.date || []);
  $("pager").hidden = data.total <= PAGE_SIZE;
  $("prev").disabled = data.offset === 0;
  $("next").disabled = last >= data.total;
  $("page-info").textContent = `Page ${Math.floor(data.offset / PAGE_SIZE) + 1} of ${Math.max(1, Math.ceil(data.total / PAGE_SIZE))}`;
}

function renderActiveFilters(state) {
  const chips = [];
  for (const f of FILTERS) for (const v of state.filters[f]) {
    chips.push(el("button", { type: "button", "data-filter": f, "data-value": v, "aria-label": `Remove filter ${f} ${v}`,
                              onclick: () => toggleFilter(f, v) }, `${f}: ${v} ✕`));
  }
  if (state.since || state.until) {
    const label = state.since === state.until ? state.since : `${state.since || "…"} to ${state.until || "…"}`;
    chips.push(el("button", { type: "button", "data-filter": "date", "aria-label": `Remove date filter ${label}`,
                              onclick: () => update((s) => { s.since = s.until = ""; s.offset = 0; }) }, `date: ${label} ✕`));
  }
  $("active-filters").replaceChildren(...chips);
}

function renderSuggestion(suggestion) {
  const box = $("suggestion");
  box.hidden = !suggestion;
  if (!suggestion) return;
  box.replaceChildren("Did you mean ", el("a", { href: "?q=" + encodeURIComponent(suggestion), onclick: (e) => {
    e.preventDefault(); update((s) => { s.q = suggestion; s.offset = 0; });
  } }, suggestion), "?");
}

function chip(kind, value) {
  return el("button", { type: "button", class: "chip " + kind, "data-filter": kind, "data-value": value,
                        title: `Only ${kind} ${value}`, onclick: () => toggleFilter(kind, value) }, value);
}

function renderResult(item) {
  const title = item.title || item.id;
  const heading = item.url ? el("a", { href: item.url, rel: "noopener" }, title) : title;
  const snippet = el("p", { class: "snippet" });
  snippet.innerHTML = item.snippet;  // server-escaped text with <mark> around matches
  const related = el("details", { class: "related" }, el("summary", {}, "More like this"));
  related.addEventListener("toggle", () => loadRelated(related, item.id), { once: true });
  return el("li", { class: "result", "data-id": item.id },
    el("h3", {}, heading),
    el("div", { class: "meta" },
      el("span", { class: "badge " + item.type }, item.type),
      item.date ? el("time", { datetime: item.date }, item.date.slice(0, 10)) : null,
      item.source ? el("span", {}, item.source) : null,
      item.strength !== null && item.strength !== undefined ? el("span", {}, `strength ${item.strength}`) : null),
    snippet,
    el("div", { class: "chips" }, item.tickers.map((t) => chip("ticker", t)), item.actors.map((a) => chip("actor", a)),
       item.topics.map((t) => chip("topic", t))),
    related);
}

async function loadRelated(details, id) {
  const list = el("ul");
  details.append(list);
  try {
    const data = await api("/api/related/" + encodeURIComponent(id), new URLSearchParams({ limit: "5" }));
    if (!data.results.length) list.append(el("li", {}, "Nothing similar."));
    for (const r of data.results) {
      list.append(el("li", {}, el("span", { class: "badge " + r.type }, r.type), " ",
        r.url ? el("a", { href: r.url, rel: "noopener" }, r.title || r.id) : (r.title || r.id),
        r.date ? " · " + r.date.slice(0, 10) : ""));
    }
  } catch (e) {
    list.append(el("li", { class: "error" }, e.message));
  }
}

function renderFacets(state, facets) {
  const sections = [];
  for (const name of FACETS) {
    const values = facets[name] || [];
    if (!values.length) continue;
    const id = "facet-" + name;
    sections.push(el("section", { class: "facet", "aria-labelledby": id },
      el("h2", { id }, FACET_TITLES[name]),
      el("ul", {}, values.map((v) => el("li", {},
        el("button", { type: "button", "data-filter": name, "data-value": v.value,
                       "aria-pressed": state.filters[name].includes(v.value) ? "true" : "false",
                       onclick: () => toggleFilter(name, v.value) },
           el("span", {}, v.value), el("span", { class: "count" }, String(v.count))))))));
  }
  $("facets").replaceChildren(...sections);
}

function renderHistogram(state, buckets) {
  const box = $("histogram");
  $("histogram-axis").replaceChildren(...(buckets.length ? [el("span", {}, buckets[0].value),
    el("span", {}, buckets[buckets.length - 1].value)] : []));
  if (!buckets.length) { box.replaceChildren(el("span", { class: "empty" }, "No dates")); return; }
  const top = Math.max(...buckets.map((b) => b.count), 1);
  box.replaceChildren(...buckets.map((b) => {
    const [since, until] = bucketSpan(b.value);
    const active = state.since === since && state.until === until;
    return el("button", { type: "button", class: "bar", "data-bucket": b.value,
      "aria-pressed": active ? "true" : "false", "aria-label": `${b.value}: ${b.count} documents`, title: `${b.value}: ${b.count}`,
      style: `height:${b.count ? Math.max(4, Math.round((100 * b.count) / top)) : 1}%`,
      onclick: () => update((s) => {
        if (active) { s.since = s.until = ""; } else { s.since = since; s.until = until; }
        s.offset = 0;
      }) });
  }));
}

// ---- completions -----------------------------------------------------------------------------
let suggestTimer = null, suggestGeneration = 0, activeOption = -1;

function closeSuggestions() {
  $("suggestions").hidden = true;
  $("suggestions").replaceChildren();
  $("q").setAttribute("aria-expanded", "false");
  $("q").removeAttribute("aria-activedescendant");
  activeOption = -1;
}

function chooseSuggestion(completion) {
  closeSuggestions();
  update((s) => { s.q = completion; s.offset = 0; });
}

async function fetchSuggestions() {
  const text = $("q").value;
  const mine = ++suggestGeneration;
  if (!text.trim() || /\s$/.test(text)) { closeSuggestions(); return; }
  let data;
  try { data = await api("/api/suggest", new URLSearchParams({ q: text, limit: "8" })); } catch { return; }
  if (mine !== suggestGeneration || document.activeElement !== $("q")) return;
  const list = $("suggestions");
  list.replaceChildren(...data.suggestions.map((s, i) => el("li", {
    id: "suggestion-" + i, role: "option", "aria-selected": "false", "data-completion": s.completion,
    onmousedown: (e) => { e.preventDefault(); chooseSuggestion(s.completion); } },
    el("span", {}, s.text), el("span", { class: "kind" }, s.kind === "entity" && s.ticker ? s.ticker : s.kind))));
  list.hidden = !data.suggestions.length;
  $("q").setAttribute("aria-expanded", String(!list.hidden));
  activeOption = -1;
}

function moveSelection(step) {
  const options = [...$("suggestions").children];
  if (!options.length) return;
  activeOption = (activeOption + step + options.length) % options.length;
  options.forEach((o, i) => o.setAttribute("aria-selected", String(i === activeOption)));
  $("q").setAttribute("aria-activedescendant", options[activeOption].id);
}

// ---- wiring ----------------------------------------------------------------------------------
document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const options = [...$("suggestions").children];
    if (activeOption >= 0 && options[activeOption]) return chooseSuggestion(options[activeOption].dataset.completion);
    closeSuggestions();
    update((s) => { s.q = $("q").value.trim(); s.offset = 0; });
  });
  $("q").addEventListener("input", () => { clearTimeout(suggestTimer); suggestTimer = setTimeout(fetchSuggestions, 120); });
  $("q").addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { e.preventDefault(); moveSelection(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); moveSelection(-1); }
    else if (e.key === "Escape") closeSuggestions();
  });
  $("q").addEventListener("blur", () => setTimeout(closeSuggestions, 100));
  $("sort").addEventListener("change", () => update((s) => { s.sort = $("sort").value; s.offset = 0; }));
  $("prev").addEventListener("click", () => update((s) => { s.offset = Math.max(0, s.offset - PAGE_SIZE); }));
  $("next").addEventListener("click", () => update((s) => { s.offset += PAGE_SIZE; }));
  window.addEventListener("popstate", () => render(readState()));
  render(readState());
});
