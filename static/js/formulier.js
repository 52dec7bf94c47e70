// Progressive enhancement: after a failed submit, move keyboard and screen-reader focus to
// the error summary at the top of the form (WCAG 3.3.1). Without JavaScript the summary is
// still the first thing after the heading.
document.addEventListener("DOMContentLoaded", function () {
  var overzicht = document.getElementById("foutoverzicht");
  if (overzicht) {
    overzicht.focus();
  }
});

// A form with data-bevestig asks before it is sent (removing something, for instance).
// Without JavaScript it is sent straight away; the server still checks every rule.
document.addEventListener("submit", function (event) {
  var vraag = event.target.getAttribute && event.target.getAttribute("data-bevestig");
  if (vraag && !window.confirm(vraag)) {
    event.preventDefault();
  }
});

// A button with data-afdrukken opens the print dialog.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-afdrukken]")) {
    window.print();
  }
});
