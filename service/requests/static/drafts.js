// Keeps what is typed in a request form in this tab's session storage until a receipt is
// shown, so a sign-in forced by an expired session loses no text (files must be re-chosen).
document.addEventListener("DOMContentLoaded", function () {
  var store = window.sessionStorage;
  var filed = document.querySelector("[data-filed]");
  var restored = false;
  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    var key = "draft:" + form.getAttribute("data-draft");
    if (filed) { store.removeItem(key); return; }
    var saved = store.getItem(key);
    if (saved) {
      var values = JSON.parse(saved);
      Object.keys(values).forEach(function (name) {
        var field = form.elements[name];
        if (!field || field.type === "hidden" || field.type === "file") { return; }
        if (field.length !== undefined && field.type === undefined) {
          Array.prototype.forEach.call(field, function (f) { f.checked = f.value === values[name]; });
        } else if (!field.value) {
          field.value = values[name];
          restored = true;
        }
      });
    }
    form.addEventListener("input", function () {
      var values = {};
      Array.prototype.forEach.call(form.elements, function (f) {
        if (!f.name || f.type === "file" || f.type === "hidden") { return; }
        if ((f.type === "radio" || f.type === "checkbox") && !f.checked) { return; }
        values[f.name] = f.value;
      });
      store.setItem(key, JSON.stringify(values));
    });
  });
  if (restored && window.location.search.indexOf("drafts=1") !== -1) {
    document.getElementById("draft-restored").hidden = false;
  }
});
