(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("reprounit-data").textContent);
  // A symbol per verdict as well as a colour, for readers who cannot tell the colours apart.
  var SYMBOLS = {REPRODUCED: "\u2713", DIVERGED: "\u2717", FAILED: "!", CHANGED: "\u0394", TAINTED: "~", NOT_RUN: "\u2013"};
  var pipelinesById = {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (attrs[name] === null || attrs[name] === undefined) return;
        if (name === "text") node.textContent = attrs[name];
        else if (name === "className") node.className = attrs[name];
        else node.setAttribute(name, attrs[name]);
      });
    }
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function short(commit) { return commit ? commit.substring(0, 8) : "\u2013"; }
  function percent(rate) { return (rate * 100).toFixed(1) + "%"; }
  function symbol(verdict) { return SYMBOLS[verdict] || "?"; }
  function badge(verdict) { return el("span", {className: "badge v-" + verdict, text: symbol(verdict) + " " + verdict}); }
  function where(event) {
    if (!event) return "\u2013";
    return "check " + event.check + " (" + short(event.commit) + ", " + event.started.substring(0, 10) + ")";
  }

  function legend() {
    var node = el("p", {className: "legend", id: "legend"});
    Object.keys(SYMBOLS).forEach(function (verdict) {
      node.appendChild(el("span", null, [el("b", {className: "v-" + verdict, text: SYMBOLS[verdict]}), verdict]));
    });
    return node;
  }

  function attention() {
    var list = el("ul", {className: "attention", id: "attention"});
    data.pipelines.forEach(function (pipeline) {
      if (!pipeline.latest) return;
      pipeline.latest.failing.concat(pipeline.latest.tainted).forEach(function (step) {
        list.appendChild(el("li", {"data-pipeline": pipeline.name, "data-step": step.step, "data-verdict": step.verdict}, [
          badge(step.verdict), " ", el("b", {text: pipeline.name + " \u203a " + step.step}),
          el("span", {className: "muted", text: " in check " + pipeline.latest.check + ": " + step.explanation})]));
      });
    });
    if (!list.children.length) list.appendChild(el("li", {text: "Every step of every pipeline's latest check reproduced."}));
    return list;
  }

  function matrix(pipeline) {
    var head = el("tr", null, [el("th", {text: "check \u2192"})]);
    var commits = el("tr", null, [el("th", {className: "muted", text: "commit"})]);
    var hosts = el("tr", null, [el("th", {className: "muted", text: "host"})]);
    var jdks = el("tr", null, [el("th", {className: "muted", text: "JDK"})]);
    pipeline.checks.forEach(function (check) {
      var title = "check " + check.id + " \u00b7 " + check.status + " \u00b7 " + check.started + "\ncommit " + (check.commit || "unknown")
          + "\nhost " + (check.host || "not recorded") + "\nJDK " + (check.jdk || "unknown") + "\nruns " + check.runs.join(", ");
      var button = el("button", {type: "button", title: title, "data-check": check.id, text: String(check.id)});
      button.addEventListener("click", function () { showDiff(pipeline, check.id); });
      head.appendChild(el("th", {className: "check", "data-check": check.id}, [button]));
      commits.appendChild(el("td", {className: "meta mono", title: check.commit || "", text: short(check.commit)}));
      hosts.appendChild(el("td", {className: "meta", text: check.host || "\u2013"}));
      jdks.appendChild(el("td", {className: "meta", text: check.jdk || "\u2013"}));
    });
    var body = el("tbody");
    pipeline.steps.forEach(function (step) {
      var row = el("tr", null, [el("th", {text: step.name})]);
      step.cells.forEach(function (cell, i) {
        var check = pipeline.checks[i];
        if (!cell) {
          row.appendChild(el("td", {className: "cell v-none", "data-check": check.id, "data-step": step.name, title: "no verdict", text: "\u00b7"}));
          return;
        }
        var title = step.name + " in check " + check.id + ": " + cell.verdict + (cell.explanation ? " \u2014 " + cell.explanation : "")
            + (cell.event ? "\nevent: " + cell.event : "") + (cell.bytes ? "\nbytes: " + cell.bytes : "");
        row.appendChild(el("td", {className: "cell v-" + cell.verdict, "data-check": check.id, "data-step": step.name,
          "data-verdict": cell.verdict, title: title, text: symbol(cell.verdict)}));
      });
      body.appendChild(row);
    });
    return el("div", {className: "matrix"}, [el("table", null, [el("thead", null, [head, commits, hosts, jdks]), body])]);
  }

  function plot(values) {
    var width = 220, height = 44, pad = 4;
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", "plot");
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    var known = values.filter(function (v) { return v !== null; });
    if (!known.length) return svg;
    var max = Math.max.apply(null, known) || 1;
    var points = [];
    values.forEach(function (v, i) {
      if (v === null) return;
      var x = pad + (values.length === 1 ? 0 : i * (width - 2 * pad) / (values.length - 1));
      var y = height - pad - v / max * (height - 2 * pad - 8);
      points.push(x.toFixed(1) + "," + y.toFixed(1));
    });
    var line = document.createElementNS(svg.namespaceURI, "polyline");
    line.setAttribute("points", points.join(" "));
    svg.appendChild(line);
    var label = document.createElementNS(svg.namespaceURI, "text");
    label.setAttribute("x", pad);
    label.setAttribute("y", 9);
    label.textContent = "max " + max.toFixed(max < 10 ? 2 : 0) + " ms";
    svg.appendChild(label);
    var title = document.createElementNS(svg.namespaceURI, "title");
    title.textContent = "duration of the first run, ms, over the checks shown";
    svg.appendChild(title);
    return svg;
  }

  function stepTable(pipeline) {
    var rows = pipeline.steps.map(function (step) {
      var counts = Object.keys(step.counts).map(function (verdict) { return symbol(verdict) + " " + step.counts[verdict]; }).join("  ");
      return el("tr", {"data-step": step.name}, [
        el("th", {text: step.name}),
        el("td", {className: "rate", "data-step": step.name, "data-rate": step.divergenceRate, title: step.diverged + " of " + step.verdicts + " checks diverged",
          text: percent(step.divergenceRate)}),
        el("td", {className: "counts mono", text: counts}),
        el("td", {className: "first-diverged", text: where(step.firstDiverged)}),
        el("td", {className: "first-changed", text: where(step.firstChanged)}),
        el("td", {className: "bytes-vary", text: where(step.bytesVarySince)}),
        el("td", {className: "duration"}, [plot(step.durationsMillis)])]);
    });
    var head = el("tr", null, ["step", "diverged", "verdicts", "first diverged", "first changed", "bytes vary since", "duration"]
        .map(function (name) { return el("th", {text: name}); }));
    return el("table", {className: "steps"}, [el("thead", null, [head]), el("tbody", null, rows)]);
  }

  function partsTable(parts) {
    return el("table", {className: "parts"}, [el("tr", null, [el("th", {text: "aspect"}), el("th", {text: "part"}), el("th", {text: "change"})])]
        .concat(parts.map(function (part) {
          return el("tr", null, [el("td", {text: part.aspect}), el("td", {className: "mono", text: part.name}), el("td", {className: "mono", text: part.change})]);
        })));
  }

  // A changed step's explanation names its parts already; others say only that its fingerprint changed.
  function explained(step) {
    if (!step.parts.length || step.explanation.indexOf("changed: ") === 0) return step.explanation;
    return step.explanation + " (" + step.parts.map(function (p) { return p.aspect + " " + p.change; }).join("; ") + ")";
  }

  function differenceNode(title, difference) {
    var section = el("section", {className: "difference", "data-before": difference.before, "data-after": difference.after},
        [el("h3", {text: title + ": run " + difference.before + " \u2192 run " + difference.after})]);
    if (!difference.parts.length && !difference.steps.length) {
      section.appendChild(el("p", {className: "muted", text: "Same fingerprint parts and the same step outputs."}));
      return section;
    }
    if (difference.parts.length) section.appendChild(partsTable(difference.parts));
    if (difference.steps.length) {
      var rows = [el("tr", null, ["step", "output before", "output after", "explanation"].map(function (n) { return el("th", {text: n}); }))];
      difference.steps.forEach(function (step) {
        rows.push(el("tr", {className: "step-difference", "data-step": step.step}, [el("td", {text: step.step}),
          el("td", {className: "mono", text: step.outputBefore || "\u2013"}), el("td", {className: "mono", text: step.outputAfter || "\u2013"}),
          el("td", {className: "explanation", text: explained(step)})]));
      });
      section.appendChild(el("table", {className: "step-differences"}, rows));
    }
    return section;
  }

  // Differences refer to their parts and steps by index into the pipeline's differences, written once each.
  function resolve(pipeline, difference) {
    function entry(i) { return pipeline.differences[i]; }
    return {before: difference.before, after: difference.after, parts: difference.parts.map(entry), steps: difference.steps.map(entry)};
  }

  function showDiff(pipeline, checkId, otherId) {
    var panel = document.getElementById("diff-" + pipelinesById[pipeline.name]);
    var diffs = pipeline.diffs[String(checkId)] || {runs: []};
    panel.textContent = "";
    panel.hidden = false;
    panel.setAttribute("data-check", checkId);
    panel.appendChild(el("h3", {text: "What differs, check " + checkId + " (only the differences)"}));
    if (diffs["with"]) {
      var select = el("select", {className: "compare", "aria-label": "compare with check"},
          [el("option", {value: "", text: "any other of the latest checks\u2026"})]);
      Object.keys(diffs["with"]).sort(function (a, b) { return a - b; }).forEach(function (other) {
        select.appendChild(el("option", {value: other, text: "check " + other}));
      });
      select.addEventListener("change", function () { if (select.value) showDiff(pipeline, checkId, select.value); });
      panel.appendChild(el("p", null, ["Compare with ", select]));
      if (otherId && diffs["with"][String(otherId)]) {
        select.value = String(otherId);
        panel.appendChild(differenceNode("Against check " + otherId, resolve(pipeline, diffs["with"][String(otherId)])));
      }
    }
    diffs.runs.forEach(function (d) { panel.appendChild(differenceNode("Between the runs of check " + checkId, resolve(pipeline, d))); });
    if (diffs.previous) panel.appendChild(differenceNode("Against the previous check", resolve(pipeline, diffs.previous)));
    if (diffs.latest) panel.appendChild(differenceNode("Against the latest check", resolve(pipeline, diffs.latest)));
    if (!diffs.runs.length && !diffs.previous && !diffs.latest && !diffs["with"]) panel.appendChild(el("p", {className: "muted", text: "Nothing to compare this check with."}));
    Array.prototype.forEach.call(document.querySelectorAll("th.check.selected"), function (th) { th.classList.remove("selected"); });
    var th = panel.parentNode.querySelector("th.check[data-check='" + checkId + "']");
    if (th) th.classList.add("selected");
  }

  var root = document.getElementById("report");
  document.getElementById("generated").textContent = "Generated " + data.generated + " over each pipeline's latest " + data.last
      + " checks. Click a check's number to see only what differs.";
  root.appendChild(el("h2", {text: "Needs attention in the latest checks"}));
  root.appendChild(attention());
  root.appendChild(legend());
  data.pipelines.forEach(function (pipeline, index) {
    pipelinesById[pipeline.name] = index;
    root.appendChild(el("section", {className: "pipeline", id: "pipeline-" + index, "data-pipeline": pipeline.name}, [
      el("h2", {text: pipeline.name}),
      el("p", {className: "muted", text: pipeline.checks.length + " latest of " + pipeline.checksRecorded + " checks recorded"}),
      matrix(pipeline), el("div", {className: "diff", id: "diff-" + index, hidden: "hidden"}), stepTable(pipeline)]));
  });
  document.body.setAttribute("data-render-millis", (performance.now() - started).toFixed(1));
  // From navigation start: reading and parsing the file, then drawing it.
  document.body.setAttribute("data-ready-millis", performance.now().toFixed(1));
  document.body.setAttribute("data-rendered", "true");
  // #diff=<pipeline index>/<check>[/<other check>] opens a check's differences as a click on its number does, then
  // picks the other check in its list as a reader does.
  var wanted = /^#diff=(\d+)\/(\d+)(?:\/(\d+))?$/.exec(location.hash);
  if (wanted) {
    var button = document.querySelector("#pipeline-" + wanted[1] + " th.check button[data-check='" + wanted[2] + "']");
    if (button) button.click();
    var compare = document.querySelector("#diff-" + wanted[1] + " select.compare");
    if (compare && wanted[3]) {
      compare.value = wanted[3];
      compare.dispatchEvent(new Event("change"));
    }
  }
})();
