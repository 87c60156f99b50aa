// The send form, live: shows only the recipient fields of the chosen mode, and asks the server
// for a quote (characters, encoding, segments, cost, balance after) as the user types.
(function () {
  var form = document.getElementById("send-form");
  if (!form) {
    return;
  }
  var timer = null;
  var pending = null;
  var fixText = null;

  function mode() {
    var checked = form.querySelector("input[name=mode]:checked");
    return checked ? checked.value : "one";
  }

  function showMode() {
    var current = mode();
    form.querySelectorAll(".mode-part").forEach(function (part) {
      var on = part.getAttribute("data-mode") === current;
      part.hidden = !on;
      part.querySelectorAll("input, textarea").forEach(function (field) {
        field.disabled = !on;
        field.required = on;
      });
    });
  }

  function show(id, on) {
    document.getElementById(id).hidden = !on;
  }

  function render(q) {
    document.getElementById("send-summary").textContent = q.summary;
    document.getElementById("send-cost").textContent = q.cost;
    document.getElementById("send-cost").className = q.enough ? "" : "warn";
    document.getElementById("send-ucs2-chars").textContent = q.forcing_ucs2.join(" ");
    show("send-ucs2", q.forcing_ucs2.length > 0);
    fixText = q.smart_text;
    document.getElementById("send-fix-text").textContent = q.fix || "";
    show("send-fix", !!q.fix);
    document.getElementById("send-invalid-list").textContent = q.invalid.join(", ");
    show("send-invalid", q.invalid.length > 0);
    form.setAttribute("data-quoted", "true");
  }

  function quote() {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute("data-quote"), {
      method: "POST", body: body, signal: pending.signal, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (q) { if (q) { render(q); } })
      .catch(function () { /* a newer keystroke replaced this request */ });
  }

  function later() {
    form.removeAttribute("data-quoted");
    clearTimeout(timer);
    timer = setTimeout(quote, 200);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", function (e) {
    if (e.target.name === "mode") {
      showMode();
    }
    later();
  });
  document.getElementById("send-fix-apply").addEventListener("click", function () {
    if (fixText != null) {
      document.getElementById("send-body").value = fixText;
      later();
    }
  });
  showMode();
  quote();
})();
