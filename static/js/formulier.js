// Progressive enhancement: after a failed submit, move keyboard and screen-reader focus to
// the error summary at the top of the form (WCAG 3.3.1). Without JavaScript the summary is
// still the first thing after the heading.
document.addEventListener("DOMContentLoaded", function () {
  var overzicht = document.getElementById("foutoverzicht");
  if (overzicht) {
    overzicht.focus();
  }
});
