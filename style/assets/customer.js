// The customer's ticket page: follows the ticket's live stream and, when it changes, reloads the
// page's content in place. Without this script the page still shows everything (reload to update).
(function () {
  "use strict";
  var main = document.getElementById("main");
  var state = document.getElementById("live-state");
  if (!main || !state || !main.dataset.live || !window.EventSource) return;
  var version = Number(main.dataset.version);
  var loading = false;
  var again = false;

  function say(key) {
    state.textContent = state.dataset[key] || "";
    state.className = "live-state live-" + key.replace("Text", "");
  }

  // Fetches this page again and swaps in its content; a newer version arriving meanwhile is
  // fetched right after.
  function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    fetch(location.href, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { location.reload(); return null; }
        return response.text();
      })
      .then(function (html) {
        if (html === null) return;
        var next = new DOMParser().parseFromString(html, "text/html").getElementById("main");
        if (!next) return;
        var current = document.getElementById("main");
        keepInput(current, next);
        next.querySelector("#live-state").replaceWith(state);
        current.replaceWith(next);
        main = next;
        version = Number(next.dataset.version);
      })
      .catch(function () { again = true; })
      .then(function () {
        loading = false;
        if (again) { again = false; setTimeout(refresh, 1000); }
      });
  }

  // What the customer is typing survives the update: each field of the old page's forms hands its
  // value (or choice) to the same field of the new page, if it is still there.
  function keepInput(from, to) {
    from.querySelectorAll("form").forEach(function (form) {
      var twin = to.querySelector('form[action="' + form.getAttribute("action") + '"]');
      if (!twin) return;
      form.querySelectorAll("textarea").forEach(function (field) {
        var other = twin.querySelector('textarea[name="' + field.name + '"]');
        if (other) other.value = field.value;
      });
      form.querySelectorAll("input[type=radio]").forEach(function (field) {
        var other = twin.querySelector('input[name="' + field.name + '"][value="' + field.value + '"]');
        if (other) other.checked = field.checked;
      });
    });
  }

  var source = new EventSource(main.dataset.live);
  function seen(event) {
    try {
      var data = JSON.parse(event.data);
      if (typeof data.version === "number" && data.version > version) refresh();
    } catch (e) { refresh(); }
  }
  source.addEventListener("hello", function (event) { say("liveText"); seen(event); });
  source.addEventListener("change", seen);
  source.addEventListener("resync", refresh);
  source.addEventListener("gone", function () {
    source.close();
    say("closedText");
    location.reload();
  });
  source.onerror = function () {
    if (source.readyState === EventSource.CLOSED) {
      // The server refused the stream (the link no longer opens, or too many requests).
      say("closedText");
    } else {
      say("lostText");
    }
  };
})();
