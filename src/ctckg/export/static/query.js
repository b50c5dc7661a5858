/* ctckg query page: YASGUI (vendored) against the endpoint `ctckg serve` offers next to the site (…/query). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("query-config").textContent);
  var endpoint = new URL("query", window.location.href).href;
  var status = document.getElementById("query-status");
  document.getElementById("endpoint-shown").textContent = endpoint;
  var examples = {};
  config.examples.forEach(function (ex) { examples[ex.name] = ex; });

  function prefixLines(prefixes) {
    return Object.keys(prefixes).sort().map(function (p) { return "PREFIX " + p + ": <" + prefixes[p] + ">"; }).join("\n");
  }
  var starter = ["rdfs", "CTCKG", "CL"].map(function (p) { return "PREFIX " + p + ": <" + config.prefixes[p] + ">"; }).join("\n") +
    "\n\n# Findings with platelets as partner cell (CTCKG:0000003 has partner cell)\n" +
    "SELECT ?finding ?label WHERE {\n  ?finding CTCKG:0000003 CL:0000233 ; rdfs:label ?label .\n} ORDER BY ?finding LIMIT 20\n";

  Yasgui.Yasr.defaults.pluginOrder = ["table", "response"];
  Yasgui.Yasr.defaults.prefixes = config.prefixes;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    yasqe: { value: starter, autocompleters: ["prefixes", "variables"] },
    yasr: { prefixes: config.prefixes, pluginOrder: ["table", "response"] }
  });
  window.ctckgYasgui = yasgui;

  /* IRI links in the results point at this site's pages, with the label shown next to the CURIE. */
  function decorate(yasr) {
    var links = yasr.resultsEl ? yasr.resultsEl.querySelectorAll("a[href]") : [];
    Array.prototype.forEach.call(links, function (a) {
      var page = config.pages[a.getAttribute("href")];
      if (!page || a.getAttribute("data-ctckg")) return;
      a.setAttribute("data-ctckg", "1");
      a.setAttribute("href", page[0]);
      a.removeAttribute("target");
      var label = document.createElement("span");
      label.className = "iri-label"; label.textContent = " " + page[1];
      a.appendChild(label);
    });
  }
  function hook(tab) {
    var yasr = tab.getYasr();
    var took = "";
    tab.on("queryResponse", function (_tab, _response, duration) { took = " in " + duration + " ms"; });
    yasr.on("drawn", function () {
      decorate(yasr);
      var bindings = yasr.results && yasr.results.getBindings ? yasr.results.getBindings() : null;
      var rows = bindings ? bindings.length : null;
      status.textContent = (rows === null ? "done" : rows + " rows") + took;
      status.setAttribute("data-rows", rows === null ? "0" : String(rows));
    });
    tab.on("queryAbort", function () { status.textContent = "aborted"; });
  }
  hook(yasgui.getTab());
  yasgui.on("tabAdd", function (_y, id) { hook(yasgui.getTab(id)); });

  function bound(ex, row) {
    var text = ex.text;
    if (!ex.values || !row) return text;
    var names = [], terms = [];
    Array.prototype.forEach.call(row.querySelectorAll("input.param"), function (input) {
      names.push("?" + input.getAttribute("data-param"));
      terms.push(term(input.value.trim(), input.getAttribute("data-type")));
    });
    var block = "VALUES (" + names.join(" ") + ") { (" + terms.join(" ") + ") }";
    return text.split(ex.values).join(block);  // every group the parameters are bound in
  }
  function term(value, type) {
    if (type === "iri") {
      if (/^<.*>$/.test(value)) return value;
      if (/^https?:\/\//.test(value)) return "<" + value + ">";
      var m = /^([A-Za-z][\w.-]*):(.*)$/.exec(value);
      if (m && config.prefixes[m[1]]) return "<" + config.prefixes[m[1]] + m[2] + ">";
      return "<" + value + ">";
    }
    var lexical = value.replace(/[\\"]/g, function (c) { return "\\" + c; }).replace(/\n/g, "\\n");
    if (type === "integer") return "\"" + lexical + "\"^^<http://www.w3.org/2001/XMLSchema#integer>";
    if (type === "decimal") return "\"" + lexical + "\"^^<http://www.w3.org/2001/XMLSchema#double>";
    return "\"" + lexical + "\"";
  }
  Array.prototype.forEach.call(document.querySelectorAll("button.run-example"), function (button) {
    button.addEventListener("click", function () {
      var ex = examples[button.getAttribute("data-name")];
      var tab = yasgui.getTab();
      status.textContent = "running " + ex.name + " …"; status.setAttribute("data-rows", "");
      tab.setQuery(bound(ex, button.closest("tr")));
      tab.query();
      document.getElementById("editor").scrollIntoView();
    });
  });
})();
