/* ctckg site: search box (lunr, index built by `ctckg site`), table/list filters, hierarchy tree helpers. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var data = null, index = null, loading = null;

  function load() {
    if (index) return Promise.resolve(index);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      function ready() {
        data = window.CTCKG_SEARCH;
        index = lunr.Index.load(data.index);
        resolve(index);
      }
      function add(src, next) {
        var s = document.createElement("script");
        s.src = root + src; s.onload = next; s.onerror = reject; document.head.appendChild(s);
      }
      add("static/vendor/lunr/lunr.min.js", function () { add("static/search-data.js", ready); });
    });
    return loading;
  }

  /* The query, token by token through lunr's own tokenizer (so "CL:0000233" is not read as field:term):
     every token required; if nothing matches, any token; the last token also as a prefix (search as you type). */
  function search(text) {
    var tokens = lunr.tokenizer(text).map(String).filter(Boolean);
    if (!tokens.length) return [];
    function run(presence) {
      return index.query(function (q) {
        tokens.forEach(function (t, i) {
          q.term(t, { presence: presence, boost: 10 });
        });
      });
    }
    var hits = [];
    try { hits = run(lunr.Query.presence.REQUIRED); } catch (e) { hits = []; }
    if (!hits.length) {
      try {
        hits = index.query(function (q) {
          tokens.forEach(function (t, i) {
            q.term(t, { boost: 10 });
            if (i === tokens.length - 1) q.term(t, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false });
          });
        });
      } catch (e) { hits = []; }
    }
    var needle = text.trim().toLowerCase();
    var exact = [];
    Object.keys(data.docs).forEach(function (id) {
      var d = data.docs[id];
      if (id.toLowerCase() === needle || id.replace(":", "_").toLowerCase() === needle || d[1].toLowerCase() === needle)
        exact.push(id);
    });
    var ids = exact.concat(hits.map(function (h) { return h.ref; }).filter(function (r) { return exact.indexOf(r) < 0; }));
    return ids.map(function (id) { var d = data.docs[id]; return { id: id, url: d[0], title: d[1], type: d[2] }; });
  }
  window.ctckgSearch = function (text) { return load().then(function () { return search(text); }); };

  function hitLink(hit) {
    var a = document.createElement("a");
    a.href = root + hit.url; a.className = "hit"; a.setAttribute("role", "option");
    a.appendChild(document.createTextNode(hit.title));
    var type = document.createElement("span"); type.className = "type"; type.textContent = hit.type;
    var id = document.createElement("span"); id.className = "id"; id.textContent = hit.id;
    a.appendChild(type); a.appendChild(id);
    return a;
  }

  var input = document.getElementById("site-search");
  var box = document.getElementById("search-results");
  if (input && box) {
    var current = [], timer = null;
    function show(text) {
      if (!text.trim()) { box.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
      window.ctckgSearch(text).then(function (hits) {
        if (input.value !== text) return;
        current = hits;
        box.innerHTML = "";
        box.setAttribute("data-query", text);
        hits.slice(0, 12).forEach(function (h) { box.appendChild(hitLink(h)); });
        if (!hits.length) { var p = document.createElement("p"); p.textContent = "No match."; p.style.padding = ".3rem .6rem"; box.appendChild(p); }
        box.hidden = false; input.setAttribute("aria-expanded", "true");
      });
    }
    input.addEventListener("focus", function () { load(); });
    input.addEventListener("input", function () { clearTimeout(timer); var t = input.value; timer = setTimeout(function () { show(t); }, 80); });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.ctckgSearch(input.value).then(function (hits) {
        if (hits.length) window.location.href = root + hits[0].url;
        else window.location.href = root + "search.html?q=" + encodeURIComponent(input.value);
      });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !box.hidden) { var first = box.querySelector("a"); if (first) { first.focus(); event.preventDefault(); } }
      if (event.key === "Escape") { box.hidden = true; }
    });
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(box.querySelectorAll("a")), i = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && i < links.length - 1) { links[i + 1].focus(); event.preventDefault(); }
      if (event.key === "ArrowUp") { (i > 0 ? links[i - 1] : input).focus(); event.preventDefault(); }
      if (event.key === "Escape") { box.hidden = true; input.focus(); }
    });
    document.addEventListener("click", function (event) { if (!input.form.contains(event.target)) box.hidden = true; });
  }

  var page = document.getElementById("search-page");
  if (page) {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    if (input) input.value = q;
    if (q) window.ctckgSearch(q).then(function (hits) {
      page.innerHTML = "";
      var p = document.createElement("p"); p.textContent = hits.length + " results for \u201c" + q + "\u201d"; page.appendChild(p);
      hits.slice(0, 200).forEach(function (h) { page.appendChild(hitLink(h)); });
    });
  }

  /* Filters over a table (data-table) or a list (data-list). */
  Array.prototype.forEach.call(document.querySelectorAll("input.filter"), function (field) {
    var target = document.getElementById(field.getAttribute("data-table") || field.getAttribute("data-list"));
    if (!target) return;
    var rows = target.querySelectorAll(field.hasAttribute("data-table") ? "tbody tr" : "li");
    var count = field.parentNode.parentNode.querySelector(".filter-count");
    field.addEventListener("input", function () {
      var words = field.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var text = row.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !ok; if (ok) shown++;
      });
      if (count) count.textContent = words.length ? shown + " of " + rows.length : "";
    });
  });

  /* Hierarchy: open the branches down to the class named in the address (#node-…), expand/collapse all. */
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var el = target.parentElement; el; el = el.parentElement) if (el.tagName === "DETAILS") el.open = true;
    if (target.tagName === "DETAILS") { target.classList.add("target"); }
    target.scrollIntoView();
  }
  if (document.querySelector(".tree-wrap")) {
    window.addEventListener("hashchange", reveal);
    reveal();
    var expand = document.querySelector(".expand-all"), collapse = document.querySelector(".collapse-all");
    function all(open) { Array.prototype.forEach.call(document.querySelectorAll(".tree-wrap details"), function (d) { d.open = open; }); }
    if (expand) expand.addEventListener("click", function () { all(true); });
    if (collapse) collapse.addEventListener("click", function () { all(false); });
  }
})();
