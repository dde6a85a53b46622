// Keyboard shortcuts for the desk: Alt+letter follows links marked data-key; "/" focuses search.
document.addEventListener("keydown", function (event) {
  var tag = (event.target.tagName || "").toLowerCase();
  var typing = tag === "input" || tag === "textarea" || tag === "select";
  if (event.key === "/" && !typing) {
    var search = document.querySelector("[data-search]");
    if (search) { event.preventDefault(); search.focus(); }
  }
  if (event.altKey && !event.ctrlKey && !event.metaKey) {
    var link = document.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
    if (link) { event.preventDefault(); link.click(); }
  }
});
