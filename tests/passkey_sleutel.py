"""A software authenticator for server-side tests of passkeys: it answers the options of
django-otp-webauthn as a browser with a security key would (a P-256 key, attestation "none"),
so a test runs the real ceremony against the real verification of py_webauthn."""

from __future__ import annotations

import hashlib
import json
import os
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

UP, UV, AT = 0x01, 0x04, 0x40


def b64(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def bytes_van(tekst: str) -> bytes:
    return urlsafe_b64decode(tekst + "=" * (-len(tekst) % 4))


class Sleutel:
    """One credential on a virtual security key."""

    def __init__(self, *, rp_id: str | None = None, origin: str | None = None):
        self.rp_id = rp_id or settings.OTP_WEBAUTHN_RP_ID
        self.origin = origin or settings.OTP_WEBAUTHN_ALLOWED_ORIGINS[0]
        self.geheim = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.teller = 0

    def _cose(self) -> bytes:
        getallen = self.geheim.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: getallen.x.to_bytes(32, "big"), -3: getallen.y.to_bytes(32, "big")})

    def _client_data(self, soort: str, challenge: str) -> bytes:
        return json.dumps({"type": soort, "challenge": challenge, "origin": self.origin, "crossOrigin": False}).encode()

    def _auth_data(self, vlaggen: int, extra: bytes = b"") -> bytes:
        return hashlib.sha256(self.rp_id.encode()).digest() + bytes([vlaggen]) + struct.pack(">I", self.teller) + extra

    def maken(self, opties: dict) -> dict:
        """The answer of ``navigator.credentials.create`` to registration options."""
        client_data = self._client_data("webauthn.create", opties["challenge"])
        attested = bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + self._cose()
        auth_data = self._auth_data(UP | UV | AT, attested)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "cross-platform",
            "clientExtensionResults": {"credProps": {"rk": True}},
            "response": {
                "clientDataJSON": b64(client_data),
                "attestationObject": b64(attestation),
                "transports": ["usb"],
            },
        }

    def gebruiken(self, opties: dict, *, vervalst: bool = False) -> dict:
        """The answer of ``navigator.credentials.get`` to authentication options (``vervalst``:
        signed over other data, as a forged answer would be)."""
        self.teller += 1
        client_data = self._client_data("webauthn.get", opties["challenge"])
        auth_data = self._auth_data(UP | UV)
        getekend = auth_data + hashlib.sha256(b"iets anders" if vervalst else client_data).digest()
        handtekening = self.geheim.sign(getekend, ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "cross-platform",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": b64(client_data),
                "authenticatorData": b64(auth_data),
                "signature": b64(handtekening),
                "userHandle": None,
            },
        }
