"""Texts of the users page (Gebruikers) and of the reset-link page, in both languages. Kept out of
dashboard/i18n.py, which is long enough; they join its TEXTS on import, so `t()` finds them."""

from __future__ import annotations

from dashboard.i18n import TEXTS

USERS_TEXTS = {
    "users_page": {"nl": "Gebruikers", "en": "Users"},
    "users_intro": {
        "nl": "Accounts van de monitor: toevoegen, rol en netwerken wijzigen, uit- en inschakelen, "
        "en een link sturen waarmee iemand zelf een nieuw wachtwoord kiest. Elke wijziging staat "
        "in de audit.",
        "en": "The monitor's accounts: add, change role and networks, disable and enable, and "
        "send a link with which a person chooses a new password. Every change is in the audit.",
    },
    "users_list": {"nl": "Accounts", "en": "Accounts"},
    "users_email": {"nl": "E-mailadres", "en": "Email address"},
    "users_name": {"nl": "Naam", "en": "Name"},
    "users_role": {"nl": "Rol", "en": "Role"},
    "users_networks": {"nl": "Netwerken", "en": "Networks"},
    "users_state": {"nl": "Status", "en": "State"},
    "users_active": {"nl": "actief", "en": "active"},
    "users_disabled": {"nl": "uitgeschakeld", "en": "disabled"},
    "users_all_networks": {"nl": "alle", "en": "all"},
    "users_add_title": {"nl": "Account toevoegen", "en": "Add an account"},
    "users_add_help": {
        "nl": "Het nieuwe account krijgt per mail een link om zelf een wachtwoord te kiezen. "
        "Een coördinator of stuurgroeplid hoort bij minstens één netwerk.",
        "en": "The new account gets a link by mail to choose a password. A coordinator or "
        "steering-group member belongs to at least one network.",
    },
    "users_add": {"nl": "Toevoegen", "en": "Add"},
    "users_change_title": {"nl": "Account wijzigen", "en": "Change an account"},
    "users_account": {"nl": "Account", "en": "Account"},
    "users_set_role": {"nl": "Rol en netwerken opslaan", "en": "Save role and networks"},
    "users_disable": {"nl": "Uitschakelen", "en": "Disable"},
    "users_enable": {"nl": "Inschakelen", "en": "Enable"},
    "users_send_reset": {"nl": "Resetlink sturen", "en": "Send reset link"},
    "users_added": {
        "nl": "{email} toegevoegd; de link om een wachtwoord te kiezen is verstuurd.",
        "en": "{email} added; the link to choose a password has been sent.",
    },
    "users_role_set": {"nl": "{email}: rol en netwerken opgeslagen.", "en": "{email}: saved."},
    "users_disabled_done": {"nl": "{email} is uitgeschakeld.", "en": "{email} is disabled."},
    "users_enabled_done": {"nl": "{email} is ingeschakeld.", "en": "{email} is enabled."},
    "users_reset_sent": {
        "nl": "Resetlink verstuurd naar {email}.",
        "en": "Reset link sent to {email}.",
    },
    "users_choose_account": {"nl": "Kies eerst een account.", "en": "Choose an account first."},
    "users_not_self": {
        "nl": "u kunt uw eigen account niet uitschakelen of uw beheerdersrol afnemen",
        "en": "you cannot disable your own account or take away your own administrator role",
    },
    "users_refused": {"nl": "Niet gelukt: {reason}.", "en": "Not done: {reason}."},
    "reset_title": {"nl": "Nieuw wachtwoord kiezen", "en": "Choose a new password"},
    "reset_for": {"nl": "Voor {email}.", "en": "For {email}."},
    "reset_new": {
        "nl": "Nieuw wachtwoord (minstens 10 tekens)",
        "en": "New password (at least 10 characters)",
    },
    "reset_repeat": {"nl": "Nieuw wachtwoord nog eens", "en": "New password again"},
    "reset_submit": {"nl": "Opslaan", "en": "Save"},
    "reset_mismatch": {
        "nl": "De twee wachtwoorden zijn niet gelijk.",
        "en": "The two passwords are not the same.",
    },
    "reset_done": {
        "nl": "Uw wachtwoord is opgeslagen. U kunt nu inloggen.",
        "en": "Your password has been saved. You can log in now.",
    },
}

TEXTS.update(USERS_TEXTS)
