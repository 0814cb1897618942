// maillage — the report explored in a browser: the directory searched and filtered,
// the map and the network diagram zoomed and panned, a card for the zone or actor
// clicked, sectors and layers switched on and off. Hand-written, no library, nothing
// fetched; without it the page reads as it is printed.
(function () {
  "use strict";

  /** Text compared without case or accents. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function element(name, className, text) {
    var e = document.createElement(name);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ------------------------------------------------------------------ cards

  var cards = {};
  all("script.fiches").forEach(function (s) {
    var read = JSON.parse(s.textContent);
    Object.keys(read).forEach(function (id) { cards[s.dataset.genre + ":" + id] = read[id]; });
  });

  var panel = null;
  function showCard(card) {
    if (!panel) {
      panel = element("aside", "fiche");
      panel.id = "fiche";
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-live", "polite");
      document.body.appendChild(panel);
    }
    panel.textContent = "";
    var close = element("button", "fermer", "×");
    close.type = "button";
    close.title = "Fermer la fiche";
    close.addEventListener("click", function () { panel.hidden = true; });
    panel.appendChild(close);
    panel.appendChild(element("h3", "", card.titre));
    if (card.sous_titre) panel.appendChild(element("p", "note", card.sous_titre));
    if (card.lignes.length) {
      var dl = element("dl");
      card.lignes.forEach(function (l) {
        dl.appendChild(element("dt", "", l[0]));
        dl.appendChild(element("dd", "", l[1]));
      });
      panel.appendChild(dl);
    }
    card.listes.forEach(function (l) {
      panel.appendChild(element("h4", "", l[0]));
      var ul = element("ul");
      l[1].forEach(function (item) { ul.appendChild(element("li", "", item)); });
      panel.appendChild(ul);
    });
    panel.hidden = false;
  }

  document.addEventListener("click", function (e) {
    var svg = e.target.closest && e.target.closest("svg.explorable");
    if (svg && svg.dataset.glisse === "1") return;
    var zone = e.target.closest && e.target.closest("[data-zone]");
    var actor = e.target.closest && e.target.closest("[data-acteur]");
    var card = zone ? cards["zone:" + zone.dataset.zone]
      : actor ? cards["acteur:" + actor.dataset.acteur] : null;
    if (card) showCard(card);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && panel) panel.hidden = true;
  });

  // ---------------------------------------------------------- zoom and pan

  all("svg.explorable").forEach(function (svg) {
    var base = svg.viewBox.baseVal;
    var home = [base.x, base.y, base.width, base.height];
    var view = home.slice();
    function set(v) {
      view = v;
      svg.setAttribute("viewBox", v.map(function (x) { return +x.toFixed(2); }).join(" "));
      svg.classList.toggle("zoomee", v[2] < home[2]);
    }
    function zoom(factor, cx, cy) {
      var w = Math.min(home[2], Math.max(home[2] / 40, view[2] * factor));
      var f = w / view[2];
      if (w >= home[2]) { set(home.slice()); return; }
      set([cx - (cx - view[0]) * f, cy - (cy - view[1]) * f, view[2] * f, view[3] * f]);
    }
    function point(e) {
      var r = svg.getBoundingClientRect();
      return [view[0] + (e.clientX - r.left) / r.width * view[2],
        view[1] + (e.clientY - r.top) / r.height * view[3]];
    }
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = point(e);
      zoom(e.deltaY < 0 ? 0.8 : 1.25, p[0], p[1]);
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (e) {
      drag = { x: e.clientX, y: e.clientY, view: view.slice(), moved: false };
      svg.dataset.glisse = "";
    });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      drag.moved = true;
      var r = svg.getBoundingClientRect();
      set([drag.view[0] - dx / r.width * view[2], drag.view[1] - dy / r.height * view[3],
        view[2], view[3]]);
    });
    function end() {
      if (drag && drag.moved) {
        svg.dataset.glisse = "1";
        setTimeout(function () { svg.dataset.glisse = ""; }, 0);
      }
      drag = null;
    }
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointerleave", end);
    all("[data-cible='" + svg.id + "'] button[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var cx = view[0] + view[2] / 2, cy = view[1] + view[3] / 2;
        if (b.dataset.zoom === "plus") zoom(0.66, cx, cy);
        else if (b.dataset.zoom === "moins") zoom(1.5, cx, cy);
        else set(home.slice());
      });
    });
  });

  // ------------------------------------------------- layers and sectors

  all("input[data-couche]").forEach(function (box) {
    var svg = document.getElementById(box.closest("[data-cible]").dataset.cible);
    box.addEventListener("change", function () {
      svg.classList.toggle("sans-" + box.dataset.couche, !box.checked);
    });
  });

  all("[data-cible] input[data-secteur]").forEach(function (box) {
    var svg = document.getElementById(box.closest("[data-cible]").dataset.cible);
    box.addEventListener("change", function () {
      var hidden = {};
      all("[data-cible='" + svg.id + "'] input[data-secteur]").forEach(function (b) {
        if (!b.checked) hidden[b.dataset.secteur] = true;
      });
      all("[data-secteur]", svg).forEach(function (e) {
        e.style.display = hidden[e.dataset.secteur] ? "none" : "";
      });
      all("[data-secteurs]", svg).forEach(function (e) {
        var ends = e.dataset.secteurs.split(" ");
        e.style.display = hidden[ends[0]] || hidden[ends[1]] ? "none" : "";
      });
    });
  });

  // ------------------------------------------------------------- directory

  all(".annuaire").forEach(function (root) {
    var rows = all("tbody tr", root);
    var texts = rows.map(function (r) { return fold(r.textContent); });
    var search = root.querySelector("input[type=search]");
    var filters = all("select[data-filtre]", root);
    var count = root.querySelector(".annuaire-compte");
    var pager = root.querySelector(".annuaire-pages");
    var size = +root.dataset.parPage || 50;
    var page = 0;
    var matching = rows;
    function apply() {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      matching = rows.filter(function (r, i) {
        for (var w = 0; w < words.length; w++) {
          if (texts[i].indexOf(words[w]) < 0) return false;
        }
        for (var f = 0; f < filters.length; f++) {
          var want = filters[f].value;
          if (want && r.dataset[filters[f].dataset.filtre].split("|").indexOf(want) < 0) {
            return false;
          }
        }
        return true;
      });
      show();
    }
    function show() {
      var pages = Math.max(1, Math.ceil(matching.length / size));
      page = Math.min(page, pages - 1);
      rows.forEach(function (r) { r.hidden = true; });
      matching.slice(page * size, (page + 1) * size).forEach(function (r) { r.hidden = false; });
      count.textContent = matching.length === rows.length
        ? rows.length + (rows.length > 1 ? " acteurs" : " acteur")
        : matching.length + " sur " + rows.length + " acteurs";
      pager.textContent = "";
      if (pages > 1) {
        var prev = element("button", "", "‹ Précédente");
        var next = element("button", "", "Suivante ›");
        prev.type = next.type = "button";
        prev.disabled = page === 0;
        next.disabled = page === pages - 1;
        prev.addEventListener("click", function () { page--; show(); });
        next.addEventListener("click", function () { page++; show(); });
        pager.appendChild(prev);
        pager.appendChild(element("span", "", " Page " + (page + 1) + " sur " + pages + " "));
        pager.appendChild(next);
      }
    }
    search.addEventListener("input", function () { page = 0; apply(); });
    filters.forEach(function (f) { f.addEventListener("change", function () { page = 0; apply(); }); });
    root.classList.add("active");
    apply();
  });
})();
