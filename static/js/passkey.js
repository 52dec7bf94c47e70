// Passkeys (WebAuthn) as the second factor: enrol one, or sign in with one after the password.
// Each block with data-passkey ("instellen" or "inloggen") holds its endpoints, the page to go
// to afterwards and its texts (in Dutch, from the template); it stays hidden where the browser
// has no WebAuthn or JavaScript is off (the app's code works there). The server checks every
// rule: this file only carries the browser's answers (base64url, as py_webauthn reads them).
(function () {
  "use strict";

  if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch) {
    return;
  }

  function naarBytes(tekst) {
    var basis64 = tekst.replace(/-/g, "+").replace(/_/g, "/");
    while (basis64.length % 4) {
      basis64 += "=";
    }
    var ruw = window.atob(basis64);
    var bytes = new Uint8Array(ruw.length);
    for (var i = 0; i < ruw.length; i++) {
      bytes[i] = ruw.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function naarTekst(buffer) {
    var bytes = new Uint8Array(buffer);
    var ruw = "";
    for (var i = 0; i < bytes.length; i++) {
      ruw += String.fromCharCode(bytes[i]);
    }
    return window.btoa(ruw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function sleutels(lijst) {
    return (lijst || []).map(function (sleutel) {
      return Object.assign({}, sleutel, { id: naarBytes(sleutel.id) });
    });
  }

  function maakOpties(opties) {
    return {
      publicKey: Object.assign({}, opties, {
        challenge: naarBytes(opties.challenge),
        user: Object.assign({}, opties.user, { id: naarBytes(opties.user.id) }),
        excludeCredentials: sleutels(opties.excludeCredentials),
      }),
    };
  }

  function vraagOpties(opties) {
    return {
      publicKey: Object.assign({}, opties, {
        challenge: naarBytes(opties.challenge),
        allowCredentials: sleutels(opties.allowCredentials),
      }),
    };
  }

  function algemeen(sleutel) {
    return {
      id: sleutel.id,
      rawId: naarTekst(sleutel.rawId),
      type: sleutel.type,
      authenticatorAttachment: sleutel.authenticatorAttachment || null,
      clientExtensionResults: sleutel.getClientExtensionResults(),
    };
  }

  function gemaakt(sleutel) {
    var antwoord = sleutel.response;
    return Object.assign(algemeen(sleutel), {
      response: {
        clientDataJSON: naarTekst(antwoord.clientDataJSON),
        attestationObject: naarTekst(antwoord.attestationObject),
        transports: antwoord.getTransports ? antwoord.getTransports() : [],
      },
    });
  }

  function gebruikt(sleutel) {
    var antwoord = sleutel.response;
    return Object.assign(algemeen(sleutel), {
      response: {
        clientDataJSON: naarTekst(antwoord.clientDataJSON),
        authenticatorData: naarTekst(antwoord.authenticatorData),
        signature: naarTekst(antwoord.signature),
        userHandle: antwoord.userHandle ? naarTekst(antwoord.userHandle) : null,
      },
    });
  }

  function versturen(url, gegevens, token) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
      body: JSON.stringify(gegevens || {}),
    }).then(function (antwoord) {
      return antwoord
        .json()
        .catch(function () {
          return {};
        })
        .then(function (inhoud) {
          if (!antwoord.ok) {
            var fout = new Error(inhoud.detail || "");
            fout.vanServer = true;
            throw fout;
          }
          return inhoud;
        });
    });
  }

  function starten(blok) {
    var knop = blok.querySelector("[data-passkey-knop]");
    var melding = blok.querySelector("[data-passkey-melding]");
    var tokenVeld = blok.querySelector("input[name=csrfmiddlewaretoken]");
    var instellen = blok.getAttribute("data-passkey") === "instellen";
    if (!knop || !melding || !tokenVeld) {
      return;
    }

    knop.addEventListener("click", function () {
      var token = tokenVeld.value;
      var volgende = blok.dataset.volgende ? "?next=" + encodeURIComponent(blok.dataset.volgende) : "";
      knop.disabled = true;
      melding.textContent = blok.dataset.tekstBezig;
      versturen(blok.dataset.begin, {}, token)
        .then(function (opties) {
          return instellen
            ? navigator.credentials.create(maakOpties(opties)).then(gemaakt)
            : navigator.credentials.get(vraagOpties(opties)).then(gebruikt);
        })
        .then(function (antwoord) {
          return versturen(blok.dataset.voltooien + volgende, antwoord, token);
        })
        .then(function (inhoud) {
          window.location.assign(inhoud.redirect_url);
        })
        .catch(function (fout) {
          knop.disabled = false;
          if (fout.vanServer && fout.message) {
            melding.textContent = fout.message;
          } else if (fout.name === "NotAllowedError" || fout.name === "AbortError") {
            melding.textContent = blok.dataset.tekstAfgebroken;
          } else if (fout.name === "InvalidStateError" && blok.dataset.tekstBestaat) {
            melding.textContent = blok.dataset.tekstBestaat;
          } else {
            melding.textContent = blok.dataset.tekstFout;
          }
        });
    });
    blok.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-passkey]").forEach(starten);
  });
})();
