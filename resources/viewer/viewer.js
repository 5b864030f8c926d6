/* The offline viewer's behaviour: larger pictures, jumping to a message or a date, printing threads,
   and the search. Works from file:// with no network. Text from the archive is only ever put into the
   page with textContent, never as HTML. */
(function () {
  "use strict";

  // --- Search data arrives through <script src> files (Chrome forbids fetch() on file://) ---
  var search = { meta: null, rows: [], loaded: 0, waiting: [] };
  window.MMSearch = {
    meta: function (meta) { search.meta = meta; },
    add: function (rows) {
      for (var i = 0; i < rows.length; i++) { search.rows.push(rows[i]); }
      search.loaded += 1;
      if (search.meta && search.loaded >= search.meta.chunks) {
        var callbacks = search.waiting; search.waiting = [];
        callbacks.forEach(function (cb) { cb(); });
      }
    }
  };

  function ready(fn) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); } else { fn(); }
  }

  // --- Larger view of pictures ---
  function setupLightbox() {
    var box = null;
    function close() { if (box) { box.hidden = true; box.querySelector("img").removeAttribute("src"); } }
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a.zoom") : null;
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      event.preventDefault();
      if (!box) {
        box = document.createElement("div");
        box.className = "lightbox";
        box.setAttribute("role", "dialog");
        box.setAttribute("aria-modal", "true");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = document.documentElement.lang === "de" ? "Schließen" : "Close";
        button.addEventListener("click", close);
        var img = document.createElement("img");
        var caption = document.createElement("div");
        caption.className = "caption";
        box.appendChild(button); box.appendChild(img); box.appendChild(caption);
        box.addEventListener("click", function (e) { if (e.target === box || e.target === img) { close(); } });
        document.body.appendChild(box);
      }
      var image = link.querySelector("img");
      box.querySelector("img").src = link.getAttribute("href");
      box.querySelector("img").alt = image ? image.alt : "";
      box.querySelector(".caption").textContent = image ? image.alt : "";
      box.hidden = false;
      box.querySelector("button").focus();
    });
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") { close(); } });
  }

  // --- A link to a message inside a collapsed thread opens the thread ---
  function revealTarget() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (!hash) { return; }
    if (hash.indexOf("goto-") === 0) { return gotoDate(hash.slice(5)); }
    var target = document.getElementById(hash);
    if (!target) { return; }
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    target.scrollIntoView({ block: hash === "latest" ? "end" : "center" });
  }

  function gotoDate(day) {
    var separators = document.querySelectorAll("h2.date-sep");
    var chosen = null;
    for (var i = 0; i < separators.length; i++) {
      chosen = separators[i];
      if (separators[i].id.slice(2) >= day) { break; }
    }
    if (chosen) { chosen.scrollIntoView({ block: "start" }); }
  }

  // --- Jump to a date: pick the page whose messages cover it ---
  function setupJump() {
    var form = document.querySelector("form.jump");
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var day = form.querySelector("input[type=date]").value;
      if (!day) { return; }
      var starts = (form.getAttribute("data-pages") || "").split(",");  // index 0 = page 1 = newest
      var page = starts.length;
      for (var n = 1; n <= starts.length; n++) {
        if (starts[n - 1] && starts[n - 1] <= day) { page = n; break; }
      }
      var current = parseInt(form.getAttribute("data-current"), 10);
      var file = page === 1 ? "messages.html" : "messages-" + page + ".html";
      if (page === current) { location.hash = "goto-" + day; }
      else { location.href = file + "#goto-" + day; }
    });
  }

  // --- Long threads open in a side panel, as in Mattermost (wide windows only) ---
  // Threads of a few replies stay open under their message; a collapsed (long) thread opens beside the
  // channel instead of pushing it down by hundreds of replies. Its replies are moved into the panel and
  // back (not copied), so every message id stays unique and links to a reply keep working.
  var WIDE = window.matchMedia ? window.matchMedia("(min-width: 1100px)") : null;
  var panel = null;
  function closeThreadPanel() {
    if (!panel || panel.hidden) { return; }
    var home = panel.home;
    home.details.appendChild(home.replies);
    home.details.open = false;
    panel.hidden = true;
    panel.home = null;
    document.body.classList.remove("thread-open");
    home.summary.focus();
  }
  function openThreadPanel(details) {
    closeThreadPanel();
    if (!panel) {
      panel = document.createElement("aside");
      panel.className = "thread-panel";
      panel.setAttribute("aria-label", "Thread");  // the word Mattermost uses in German too
      var head = document.createElement("div");
      head.className = "thread-panel-head";
      var title = document.createElement("h2");
      title.textContent = "Thread";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "thread-close";
      button.textContent = document.documentElement.lang === "de" ? "Schließen" : "Close";
      button.addEventListener("click", closeThreadPanel);
      head.appendChild(title); head.appendChild(button);
      var root = document.createElement("div");
      root.className = "thread-root";
      var body = document.createElement("div");
      body.className = "thread-panel-body";
      panel.appendChild(head); panel.appendChild(body);
      body.appendChild(root);
      document.body.appendChild(panel);
    }
    var article = details.closest("article.post");
    var rootBox = panel.querySelector(".thread-root");
    rootBox.textContent = "";
    var copy = article.cloneNode(true);  // the message the thread answers, without its thread
    var copiedThread = copy.querySelector("details.thread");
    if (copiedThread) { copiedThread.remove(); }
    [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("[id]"))).forEach(function (e) { e.removeAttribute("id"); });
    copy.classList.remove("cont");
    rootBox.appendChild(copy);
    var replies = details.querySelector(".replies");
    panel.home = { details: details, replies: replies, summary: details.querySelector("summary") };
    panel.querySelector(".thread-panel-body").appendChild(replies);
    panel.hidden = false;
    document.body.classList.add("thread-open");
    panel.querySelector(".thread-close").focus();
  }
  function setupThreadPanel() {
    document.addEventListener("click", function (event) {
      var summary = event.target.closest ? event.target.closest("details.thread.long > summary") : null;
      if (!summary || !WIDE || !WIDE.matches || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      event.preventDefault();
      var details = summary.parentElement;
      if (panel && !panel.hidden && panel.home.details === details) { closeThreadPanel(); }
      else { openThreadPanel(details); }
    });
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") { closeThreadPanel(); } });
    window.addEventListener("beforeprint", closeThreadPanel);  // printing shows every thread in its place
    window.addEventListener("hashchange", function () {
      if (panel && !panel.hidden && !panel.contains(document.getElementById(decodeURIComponent(location.hash.slice(1))))) {
        closeThreadPanel();
      }
    });
  }

  // --- Printing shows every thread ---
  function setupPrint() {
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.thread").forEach(function (d) {
        if (!d.open) { d.setAttribute("data-print-opened", ""); d.open = true; }
      });
    });
    window.addEventListener("afterprint", function () {
      document.querySelectorAll("details[data-print-opened]").forEach(function (d) {
        d.open = false; d.removeAttribute("data-print-opened");
      });
    });
  }

  // --- Folding: what a person types and what the archive holds meet in one spelling ---
  // Lower case, accents off (é -> e, ü -> u), ß -> ss, and the German spellings without umlauts folded the
  // same way (ue -> u, oe -> o, ae -> a): "schluessel", "schlussel" and "Schlüssel" all become "schlussel",
  // "Muller" and "Müller" both "muller". Both sides are folded alike, so a rare false match ("poet"
  // finding "pot") is the price of never missing an umlaut.
  var DIGRAPH = /([aou])e/g;
  var MARKS = /[\u0300-\u036f]/g;
  var NON_ASCII = /[^\x00-\x7f]/g;
  var foldedChars = Object.create(null);
  function foldChar(ch) {  // normalize() is slow: each distinct character is folded once
    var folded = foldedChars[ch];
    if (folded === undefined) {
      folded = foldedChars[ch] = ch.replace(/ß/g, "ss").normalize("NFD").replace(MARKS, "");
    }
    return folded;
  }
  function fold(text) {
    return String(text).toLowerCase().replace(NON_ASCII, foldChar).replace(DIGRAPH, "$1");
  }
  // The same folding character by character, remembering where each folded character came from (to mark
  // a hit in the original text); the digraph step mirrors the regular expression's left-to-right matches.
  function foldWithMap(text) {
    var chars = [], origin = [];
    for (var i = 0; i < text.length; i++) {
      var folded = text[i].toLowerCase().replace(NON_ASCII, foldChar);
      for (var k = 0; k < folded.length; k++) { chars.push(folded[k]); origin.push(i); }
    }
    var outChars = [], outOrigin = [];
    for (var j = 0; j < chars.length; j++) {
      outChars.push(chars[j]); outOrigin.push(origin[j]);
      if ("aou".indexOf(chars[j]) >= 0 && chars[j + 1] === "e") { j += 1; }
    }
    outOrigin.push(text.length);
    return { text: outChars.join(""), origin: outOrigin };
  }

  // --- The sidebar's chat filter ---
  function setupChatFilter() {
    var box = document.querySelector(".chat-filter");
    if (!box) { return; }
    box.hidden = false;
    var input = box.querySelector("input");
    var none = box.querySelector(".filter-none");
    var groups = Array.prototype.slice.call(document.querySelectorAll(".sidebar details.group"));
    var entries = groups.map(function (group) {
      return Array.prototype.slice.call(group.querySelectorAll("li")).map(function (li) {
        var name = li.querySelector(".ch-name");
        var link = li.querySelector("a");
        var words = (name ? name.textContent : "") + " " + (link ? link.getAttribute("title") || "" : "");
        return { li: li, text: fold(words) };
      });
    });
    var wasOpen = groups.map(function (g) { return g.open; });
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      groups.forEach(function (group, g) {
        var visible = 0;
        entries[g].forEach(function (entry) {
          var ok = words.every(function (w) { return entry.text.indexOf(w) >= 0; });
          entry.li.hidden = !ok;
          if (ok) { visible += 1; }
        });
        group.hidden = visible === 0;
        if (words.length) { group.open = true; } else { group.open = wasOpen[g]; }
        shown += visible;
      });
      none.hidden = shown > 0;
    }
    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var first = document.querySelector(".sidebar li:not([hidden]) a");
        if (first) { event.preventDefault(); location.href = first.href; }
      } else if (event.key === "Escape") { input.value = ""; apply(); }
    });
    if (input.value) { apply(); }  // a value the browser restored
  }

  // --- Search page ---

  function loadIndex(done) {
    if (search.rows.length && search.loaded >= search.meta.chunks) { return done(); }
    search.waiting.push(done);
    if (search.started) { return; }
    search.started = true;
    if (search.meta.chunks === 0) { return MMSearch.add([]); }
    for (var i = 0; i < search.meta.chunks; i++) {
      var script = document.createElement("script");
      script.src = "viewer/search/s-" + i + ".js";
      document.head.appendChild(script);
    }
  }

  function number(n, lang) { return n.toLocaleString(lang === "de" ? "de-DE" : "en-US"); }

  function pageFile(page) { return page === 1 ? "messages.html" : "messages-" + page + ".html"; }

  function encodePath(path) { return path.split("/").map(encodeURIComponent).join("/"); }

  function appendHighlighted(parent, text, words) {
    var folded = foldWithMap(text);
    var at = 0;  // position in the folded text
    var pos = 0;  // position in the original text
    while (at < folded.text.length && words.length) {
      var best = -1, length = 0;
      words.forEach(function (w) {
        var found = folded.text.indexOf(w, at);
        if (found >= 0 && (best < 0 || found < best)) { best = found; length = w.length; }
      });
      if (best < 0) { break; }
      var start = folded.origin[best], end = folded.origin[best + length];
      parent.appendChild(document.createTextNode(text.slice(pos, start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      parent.appendChild(mark);
      pos = end;
      at = best + length;
    }
    parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  function runSearch(params, status, list) {
    var words = fold(params.get("q") || "").split(/\s+/).filter(Boolean);
    var person = params.get("person") || "";
    var chat = params.get("chat");
    var from = params.get("from") ? new Date(params.get("from") + "T00:00:00").getTime() : null;
    var to = params.get("to") ? new Date(params.get("to") + "T23:59:59.999").getTime() : null;
    if (!words.length && !person && !chat && from === null && to === null) { return; }
    status.textContent = status.getAttribute("data-loading");
    loadIndex(function () {
      var meta = search.meta;
      var personIndex = -1;
      if (person) {
        meta.users.forEach(function (u, i) { if (u[1] === person) { personIndex = i; } });
      }
      if (!search.folded) { search.folded = search.rows.map(function (r) { return fold(r[5]); }); }
      var hits = [];
      for (var i = 0; i < search.rows.length; i++) {
        var row = search.rows[i];
        if (chat !== null && chat !== "" && String(row[0]) !== chat) { continue; }
        if (person && row[3] !== personIndex) { continue; }
        if (from !== null && row[4] < from) { continue; }
        if (to !== null && row[4] > to) { continue; }
        var text = search.folded[i];
        var ok = true;
        for (var w = 0; w < words.length; w++) { if (text.indexOf(words[w]) < 0) { ok = false; break; } }
        if (ok) { hits.push(row); }
      }
      hits.sort(function (a, b) { return b[4] - a[4]; });
      list.textContent = "";
      showResults(hits, 0, words, status, list);
    });
  }

  // Results come in slices of PAGE_OF_RESULTS (thousands of list items at once would make the page slow);
  // a button under the list shows the next slice, as often as there are more.
  var PAGE_OF_RESULTS = 500;
  function showResults(hits, from, words, status, list) {
    var meta = search.meta;
    var shown = hits.slice(from, from + PAGE_OF_RESULTS);
    var lang = meta.lang === "de" ? "de-DE" : "en-US";
    shown.forEach(function (row) {
      var channel = meta.channels[row[0]] || ["?", "", "", "O"];
      var user = meta.users[row[3]] || ["?", ""];
      var item = document.createElement("li");
      var where = document.createElement("div");
      where.className = "where";
      where.textContent = channel[0] + (channel[1] ? " (" + channel[1] + ")" : "") + " · " +
        new Date(row[4]).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
      var link = document.createElement("a");
      link.href = encodePath(channel[2]) + "/" + pageFile(row[1]) + "#p-" + encodeURIComponent(row[2]);
      var who = document.createElement("span");
      who.className = "who";
      who.textContent = user[0];
      link.appendChild(who);
      var snippet = document.createElement("div");
      snippet.className = "snippet";
      var text = row[5].length > 400 ? row[5].slice(0, 400) + "…" : row[5];
      appendHighlighted(snippet, text, words);
      item.appendChild(where); item.appendChild(link); item.appendChild(snippet);
      list.appendChild(item);
    });
    var upTo = from + shown.length;
    var old = document.getElementById("results-more");
    if (old) { old.parentNode.removeChild(old); }
    if (!hits.length) { status.textContent = status.getAttribute("data-none"); }
    else if (hits.length > upTo) {
      status.textContent = status.getAttribute("data-capped").replace("{n}", number(hits.length, meta.lang))
        .replace("{shown}", number(upTo, meta.lang));
      var more = document.createElement("button");
      more.type = "button";
      more.id = "results-more";
      more.className = "results-more";
      more.textContent = status.getAttribute("data-more")
        .replace("{n}", number(Math.min(PAGE_OF_RESULTS, hits.length - upTo), meta.lang));
      more.addEventListener("click", function () {
        showResults(hits, upTo, words, status, list);
        var next = list.children[upTo];  // the first new result takes the focus, so reading goes on there
        if (next) { var a = next.querySelector("a"); if (a) { a.focus(); } }
      });
      list.parentNode.insertBefore(more, list.nextSibling);
    } else {
      var found = hits.length === 1 ? "data-found-one" : "data-found";
      status.textContent = status.getAttribute(found).replace("{n}", number(hits.length, meta.lang));
    }
  }

  function setupSearch() {
    if (document.body.getAttribute("data-page") !== "search") { return; }
    var form = document.getElementById("search-form");
    var status = document.getElementById("search-status");
    var list = document.getElementById("results");
    var params = new URLSearchParams(location.search);
    ["q", "person", "chat", "from", "to"].forEach(function (name) {
      if (params.get(name) !== null) { form.elements[name].value = params.get(name); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var next = new URLSearchParams(new FormData(form));
      try { history.replaceState(null, "", "?" + next.toString()); } catch (e) { /* some browsers refuse on file:// */ }
      runSearch(next, status, list);
    });
    function start() { if (search.meta) { runSearch(params, status, list); } }
    if (search.meta) { start(); } else { window.addEventListener("load", start); }
  }

  ready(function () {
    setupLightbox();
    setupJump();
    setupPrint();
    setupSearch();
    setupChatFilter();
    setupThreadPanel();
    revealTarget();
    window.addEventListener("hashchange", revealTarget);
  });
})();
