/* niemyet search box: asks the search API, falls back to the static offline files.
 *
 * Plain JavaScript, no framework, no CDN. Hooks every form[data-niemyet-search]
 * (overrides/partials/search.html). Without JavaScript that form still submits to the
 * /tim-kiem/ page. The API origin comes from <meta name="niemyet-api" content="...">
 * (empty or missing: same origin). On a commune's pages (/03127/...) the search is
 * limited to that commune and links go to its own pages. If the API does not answer
 * within 2 s, the commune's tim-kiem.json (or the province's) is searched here instead,
 * and the box says so and links the commune's list of procedures.
 * The box shows the best few and links "see all" to /tim-kiem/, which shows pages of
 * PAGE_SIZE results (?trang=2 ...), the same addresses the server renders without
 * JavaScript (api/page.py); a page the server already filled is left as it is.
 */
(function () {
  "use strict";

  var TIMEOUT_MS = 2000;
  var PAGE_SIZE = 20;  /* api/page.py PAGE_SIZE */
  var BOX_SIZE = 8;
  var RETRY_API_AFTER_MS = 30000;
  var DEBOUNCE_MS = 200;
  var WORD = (function () {
    try { return new RegExp("[\\p{L}\\p{N}_]+", "gu"); } catch (e) { return /[0-9a-z_]+/g; }
  })();

  /* The same rule as generator/text.py fold(): đ -> d, NFD, drop marks, NFC, lower case.
     tests/data/fold_cases.json holds the cases both must agree on. */
  function fold(text) {
    return text.replace(/[\u0111\u0110]/g, "d").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
  }

  function foldWords(text) {
    return fold(text).match(WORD) || [];
  }

  /* Search an offline file: every typed word must match a word of the item (the last one
     may be a prefix: the resident is still typing); names count more than extra words. */
  function searchOffline(data, query, limit) {
    var words = foldWords(query);
    if (!words.length) return [];
    var prefix = !/\s$/.test(query);
    var hits = [];
    data.items.forEach(function (item) {
      var name = foldWords(item[1]);
      var extra = item[2] ? item[2].split(" ") : [];
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = words[i];
        var last = prefix && i === words.length - 1;
        var s = name.indexOf(w) >= 0 ? 3 : extra.indexOf(w) >= 0 ? 2 : 0;
        if (!s && last && name.concat(extra).some(function (x) { return x.indexOf(w) === 0; })) s = 1;
        if (!s) return;
        score += s;
      }
      hits.push({ code: item[0], name: item[1], field: data.fields[item[3]], url: item[4],
                  score: score - name.length / 100 });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.slice(0, limit);
  }

  /* Name pieces for display, offline: words typed are marked; the last word, still being
     typed, marks the words it starts only when it is not a whole word of the name. */
  function markPieces(name, query) {
    var words = foldWords(query);
    var last = /\s$/.test(query) ? "" : words[words.length - 1] || "";
    if (foldWords(name).indexOf(last) >= 0) last = "";
    var pieces = [];
    var at = 0;
    name.replace(WORD, function (word, offset) {
      var f = fold(word);
      if (words.indexOf(f) >= 0 || (last && f.indexOf(last) === 0)) {
        pieces.push({ text: name.slice(at, offset), mark: false }, { text: word, mark: true });
        at = offset + word.length;
      }
      return word;
    });
    pieces.push({ text: name.slice(at), mark: false });
    return pieces;
  }

  /* Name pieces from the API's highlight (escaped text with <mark>), read in an inert
     document: only text and <mark> survive, nothing from the answer runs as HTML. */
  function highlightPieces(html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var pieces = [];
    doc.body.firstChild.childNodes.forEach(function (node) {
      pieces.push({ text: node.textContent, mark: node.nodeName === "MARK" });
    });
    return pieces;
  }

  function communeOf(siteRoot) {
    var here = location.href.split(/[?#]/)[0];
    if (here.indexOf(siteRoot) !== 0) return "";
    var match = /^(\d{5})\//.exec(here.slice(siteRoot.length));
    return match ? match[1] : "";
  }

  function setup(form) {
    var input = form.querySelector("input[name=q]");
    var list = document.querySelector("[data-niemyet-results]") || form.querySelector("ol");
    var status = form.querySelector("[role=status]");
    var meta = document.querySelector("meta[name=niemyet-api]");
    var api = (meta && meta.content || "").replace(/\/$/, "");
    var rootAttr = form.getAttribute("data-site-root");  // "" on the 404 page: the site's root
    var siteRoot = new URL((rootAttr === null ? "." : rootAttr) + "/", location.href).href;
    var commune = communeOf(siteRoot);
    var hidden = form.querySelector("input[name=commune]");
    if (hidden) hidden.value = commune;
    var onSearchPage = !!document.querySelector("[data-niemyet-results]");
    var summary = document.querySelector("[data-niemyet-summary]");
    var pages = document.querySelector("[data-niemyet-pages]");
    var more = form.querySelector(".niemyet-search__more");
    var limit = onSearchPage ? PAGE_SIZE : BOX_SIZE;
    var page = 1;
    var offline = null;
    var apiFailedAt = 0;
    var latest = 0;
    var timer = null;

    function say(text) { if (status) status.textContent = text; }

    /* The search page's address for `query` in this commune, on page `n`. */
    function searchUrl(query, n) {
      var params = new URLSearchParams({ q: query });
      if (commune) params.set("commune", commune);
      if (n > 1) params.set("trang", String(n));
      return new URL("tim-kiem/?" + params, siteRoot).href;
    }

    function link(text, href, rel) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      if (rel) a.rel = rel;
      return a;
    }

    /* Under the box: "see all" when there are more results than it shows, or, offline,
       the way to the commune's list of every procedure. */
    function showMore(query, total, shown, isOffline) {
      if (!more || onSearchPage) return;
      more.textContent = "";
      if (isOffline && commune) {
        more.appendChild(link("Xem mọi thủ tục của xã, phường này", new URL(commune + "/", siteRoot).href));
      } else if (!isOffline && total > shown) {
        more.appendChild(link("Xem tất cả " + total + " kết quả", searchUrl(query, 1)));
      }
      more.hidden = !more.firstChild;
    }

    /* On the search page: the count and the links to the other pages of results. */
    function showPages(query, total) {
      if (!onSearchPage) return;
      var count = Math.ceil(total / PAGE_SIZE);
      if (summary) {
        summary.textContent = total ? total + " kết quả cho “" + query + "”" +
          (count > 1 ? ", trang " + page + " trên " + count : "") + "." : "";
      }
      if (!pages) return;
      pages.textContent = "";
      if (count <= 1) return;
      if (page > 1) pages.appendChild(link("← Trang trước", searchUrl(query, page - 1), "prev"));
      for (var n = Math.max(1, page - 4); n <= Math.min(count, page + 4); n++) {
        pages.appendChild(document.createTextNode(" "));
        if (n === page) {
          var here = document.createElement("span");
          here.setAttribute("aria-current", "page");
          here.textContent = String(n);
          pages.appendChild(here);
        } else {
          var a = link(String(n), searchUrl(query, n));
          a.setAttribute("aria-label", "Trang " + n);
          pages.appendChild(a);
        }
      }
      if (page < count) {
        pages.appendChild(document.createTextNode(" "));
        pages.appendChild(link("Trang sau →", searchUrl(query, page + 1), "next"));
      }
    }

    function show(hits, query, fromApi) {
      list.textContent = "";
      hits.forEach(function (hit) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = /^https?:/.test(hit.url) ? hit.url : new URL(hit.url.replace(/^\//, ""), siteRoot).href;
        var pieces = fromApi ? highlightPieces(hit.highlight) : markPieces(hit.name, query);
        pieces.forEach(function (p) {
          if (!p.text) return;
          var node = p.mark ? document.createElement("mark") : document.createTextNode(p.text);
          if (p.mark) node.textContent = p.text;
          a.appendChild(node);
        });
        li.appendChild(a);
        if (hit.field) {
          var small = document.createElement("small");
          small.textContent = " · " + hit.field;
          li.appendChild(small);
        }
        list.appendChild(li);
      });
    }

    function askApi(query) {
      var params = new URLSearchParams({ q: query, limit: String(limit) });
      if (page > 1) params.set("offset", String((page - 1) * PAGE_SIZE));
      if (commune) params.set("commune", commune);
      var controller = new AbortController();
      var timeout = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
      return fetch(api + "/api/search?" + params, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          clearTimeout(timeout);
          if (response.status >= 500) throw new Error("API " + response.status);
          return response.json();
        }, function (error) { clearTimeout(timeout); throw error; });
    }

    function askOffline(query) {
      var path = (commune ? commune + "/" : "") + "tim-kiem.json";
      offline = offline || fetch(new URL(path, siteRoot).href).then(function (r) {
        if (!r.ok) throw new Error("offline " + r.status);
        return r.json();
      });
      return offline.then(function (data) { return searchOffline(data, query, limit); });
    }

    function run(query) {
      var mine = ++latest;
      if (!foldWords(query).length) {
        list.textContent = ""; say(""); showMore(query, 0, 0, false); showPages(query, 0); return;
      }
      say("Đang tìm…");
      var useApi = Date.now() - apiFailedAt > RETRY_API_AFTER_MS;
      var answer = useApi ? askApi(query) : Promise.reject(new Error("API recently down"));
      answer.then(function (body) {
        if (mine !== latest) return;
        if (!body.ok) { list.textContent = ""; say("Không tìm được với từ khóa này."); return; }
        show(body.results, query, true);
        list.start = body.offset + 1;
        say(body.total ? body.total + " kết quả" : "Không tìm thấy thủ tục nào.");
        showMore(query, body.total, body.results.length, false);
        showPages(query, body.total);
      }, function () {
        if (useApi) apiFailedAt = Date.now();
        return askOffline(query).then(function (hits) {
          if (mine !== latest) return;
          show(hits, query, false);
          list.start = 1;
          say("Máy chủ tìm kiếm không trả lời, đang tìm ngoại tuyến" +
              (hits.length ? " · " + hits.length + " kết quả" : " · không tìm thấy thủ tục nào."));
          showMore(query, hits.length, hits.length, true);
          if (summary) summary.textContent = "";
          if (pages) pages.textContent = "";
        }, function () {
          if (mine === latest) say("Không kết nối được máy chủ tìm kiếm.");
        });
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      page = 1;
      timer = setTimeout(function () { run(input.value); }, DEBOUNCE_MS);
    });
    var asked = new URLSearchParams(location.search);
    var given = asked.get("q");
    // A poster's code opens /tim-kiem/?xa=03127 (short to type); the form submits commune=.
    var scoped = asked.get("xa") || asked.get("commune") || "";
    if (onSearchPage && /^\d{5}$/.test(scoped)) {
      commune = scoped;
      if (hidden) hidden.value = scoped;
    }
    var askedPage = parseInt(asked.get("trang") || "1", 10);
    if (onSearchPage && askedPage > 0 && askedPage < 1000) page = askedPage;
    // The server already answered this address (no need to ask again): keep its page.
    if (onSearchPage && given && !list.hasAttribute("data-niemyet-rendered")) {
      input.value = given;
      run(given);
    }
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { fold: fold, foldWords: foldWords, searchOffline: searchOffline, markPieces: markPieces };
  }
  if (typeof document !== "undefined") {
    var start = function () {
      Array.prototype.forEach.call(document.querySelectorAll("form[data-niemyet-search]"), setup);
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})();
