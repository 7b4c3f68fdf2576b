// sphinx-papernotes, under any theme: the copy button of a note's BibTeX
// block, and the filter of listings (a text box and clickable tag chips).
// Without JavaScript every listing is complete and nothing here is shown.
(function () {
  "use strict";
  var LABELS = window.PAPERNOTES_LABELS || {};
  function label(name, fallback) {
    return LABELS[name] || fallback;
  }

  // ---- Copy a note's BibTeX --------------------------------------------
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try {
        done = document.execCommand("copy");
      } catch (e) {
        done = false;
      }
      document.body.removeChild(area);
      if (done) resolve();
      else reject(new Error("copy failed"));
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.pn-copy");
    if (!button) return;
    var block = button.closest("details.pn-bibtex");
    var pre = block && block.querySelector("pre");
    if (!pre) return;
    copyText(pre.textContent).then(
      function () {
        var original = button.getAttribute("data-pn-label") || button.textContent;
        button.setAttribute("data-pn-label", original);
        button.textContent = button.getAttribute("data-pn-copied") || "Copied";
        button.classList.add("pn-copied");
        setTimeout(function () {
          button.textContent = original;
          button.classList.remove("pn-copied");
        }, 1500);
      },
      function () {
        /* No clipboard: the entry stays visible to select by hand. */
      }
    );
  });

  // ---- Filter listings ---------------------------------------------------
  var ENTRY_SELECTOR = [
    "li.pn-entry",
    ".pn-cards .pn-card",
    "table.pn-note-table > tbody > tr",
    "ul.pn-tag-cloud > li",
    "ul.pn-venue-index > li",
  ].join(", ");
  // A tag chip of an entry: coloured by its tag (pn-hue-N); its text is the
  // tag's name. Hidden chips carry the tags an entry does not show.
  var CHIP_SELECTOR = ".pn-tag[class*='pn-hue-']";
  var counter = 0;

  function fold(text) {
    var folded = (text || "").toLowerCase();
    return folded.normalize ? folded.normalize("NFKC") : folded;
  }

  function tagNames(element) {
    var found = [];
    Array.prototype.forEach.call(element.querySelectorAll(CHIP_SELECTOR), function (chip) {
      var name = chip.textContent.trim();
      if (name && found.indexOf(name) < 0) found.push(name);
    });
    return found;
  }

  function chipOf(element) {
    // The chip clicked: the element itself, an element inside it, or a link holding it.
    var chip = element.closest(CHIP_SELECTOR);
    var link = element.closest("a");
    if (!chip && link) chip = link.querySelector(CHIP_SELECTOR);
    if (!chip) return null;
    if (!link) link = chip.closest("a") || (chip.tagName === "A" ? chip : null);
    return { chip: chip, link: link, tag: chip.textContent.trim() };
  }

  function Filter(listing) {
    var self = this;
    this.listing = listing;
    this.entries = Array.prototype.map.call(listing.querySelectorAll(ENTRY_SELECTOR), function (el) {
      var item = el.classList.contains("pn-card") ? el.closest(".sd-col") || el : el;
      return { item: item, text: fold(el.textContent), tags: tagNames(el) };
    });
    this.groups = listing.querySelectorAll(".pn-year-group");
    this.tags = []; // [{tag, name, href, hue}]
    this.terms = [];

    counter += 1;
    var id = "pn-filter-" + counter;
    var bar = document.createElement("div");
    bar.className = "pn-filter no-search";
    bar.setAttribute("role", "search");
    var lab = document.createElement("label");
    lab.setAttribute("for", id);
    lab.className = "pn-filter-label";
    if (listing.querySelector("ul.pn-tag-cloud")) lab.textContent = label("filterTags", "Filter tags");
    else if (listing.querySelector("ul.pn-venue-index")) lab.textContent = label("filterVenues", "Filter venues");
    else lab.textContent = label("filter", "Filter notes");
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "pn-filter-input";
    input.autocomplete = "off";
    if (!listing.querySelector("ul.pn-tag-cloud, ul.pn-venue-index")) {
      input.placeholder = label("filterPlaceholder", "Title, author, venue or tag…");
    }
    var active = document.createElement("span");
    active.className = "pn-filter-tags";
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "pn-filter-clear";
    clear.textContent = label("clear", "Clear filter");
    clear.hidden = true;
    var status = document.createElement("p");
    status.className = "pn-filter-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    bar.appendChild(lab);
    bar.appendChild(input);
    bar.appendChild(active);
    bar.appendChild(clear);
    bar.appendChild(status);
    listing.parentNode.insertBefore(bar, listing);
    listing.classList.add("pn-filterable");
    this.input = input;
    this.active = active;
    this.clear = clear;
    this.status = status;

    input.addEventListener("input", function () {
      self.terms = fold(input.value).split(/\s+/).filter(Boolean);
      self.update();
    });
    clear.addEventListener("click", function () {
      input.value = "";
      self.terms = [];
      self.tags = [];
      self.update();
      input.focus();
    });
    listing.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      var found = event.target.closest && chipOf(event.target);
      if (!found) return;
      event.preventDefault();
      self.toggleTag(found);
    });
    this.update();
  }

  Filter.prototype.toggleTag = function (found) {
    var index = -1;
    this.tags.forEach(function (entry, i) {
      if (entry.tag === found.tag) index = i;
    });
    if (index >= 0) {
      this.tags.splice(index, 1);
    } else {
      var hue = Array.prototype.filter.call(found.chip.classList, function (name) {
        return /^pn-hue-\d+$/.test(name);
      })[0];
      this.tags.push({
        tag: found.tag,
        name: found.chip.textContent.trim(),
        href: found.link ? found.link.getAttribute("href") : null,
        hue: hue || "",
      });
    }
    this.update();
  };

  Filter.prototype.renderTags = function () {
    var self = this;
    this.active.textContent = "";
    if (!this.tags.length) return;
    var intro = document.createElement("span");
    intro.className = "pn-filter-tags-label";
    intro.textContent = label("tagFilter", "Only notes tagged");
    this.active.appendChild(intro);
    this.tags.forEach(function (entry) {
      var chip = document.createElement("span");
      chip.className = "pn-tag pn-chip pn-filter-chip " + entry.hue;
      if (entry.href) {
        var link = document.createElement("a");
        link.href = entry.href;
        link.textContent = entry.name;
        link.title = label("openTag", "Open the page of tag %s").replace("%s", entry.name);
        chip.appendChild(link);
      } else {
        chip.appendChild(document.createTextNode(entry.name));
      }
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "pn-filter-remove";
      remove.setAttribute("aria-label", label("removeTag", "Remove tag filter: %s").replace("%s", entry.name));
      remove.textContent = "×";
      remove.addEventListener("click", function () {
        self.toggleTag({ tag: entry.tag, chip: chip, link: null });
        self.input.focus();
      });
      chip.appendChild(remove);
      self.active.appendChild(chip);
    });
  };

  Filter.prototype.update = function () {
    var terms = this.terms;
    var tags = this.tags.map(function (entry) {
      return entry.tag;
    });
    var shown = 0;
    this.entries.forEach(function (entry) {
      var match =
        terms.every(function (term) {
          return entry.text.indexOf(term) >= 0;
        }) &&
        tags.every(function (tag) {
          return entry.tags.indexOf(tag) >= 0;
        });
      entry.item.classList.toggle("pn-filtered-out", !match);
      if (match) shown += 1;
    });
    Array.prototype.forEach.call(this.groups, function (group) {
      var visible = group.querySelector(
        "li.pn-entry:not(.pn-filtered-out), .sd-col:not(.pn-filtered-out), tr.pn-entry-row:not(.pn-filtered-out), tbody > tr:not(.pn-filtered-out)"
      );
      group.classList.toggle("pn-filtered-out", !visible);
    });
    var filtering = terms.length > 0 || tags.length > 0;
    this.clear.hidden = !filtering;
    this.renderTags();
    var total = this.entries.length;
    if (!filtering) this.status.textContent = "";
    else if (!shown) this.status.textContent = label("none", "No notes match the filter.");
    else
      this.status.textContent = label("shown", "%(shown)s of %(total)s shown")
        .replace("%(shown)s", String(shown))
        .replace("%(total)s", String(total));
  };

  function initFilters() {
    document.querySelectorAll(".pn-listing").forEach(function (listing) {
      if (listing.querySelectorAll(ENTRY_SELECTOR).length >= 2) new Filter(listing);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initFilters);
  else initFilters();
})();
