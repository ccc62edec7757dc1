"""`python manage.py load_demo [--password P]`: the demo organisations, users and register data (portal.demo)."""

from django.core.management.base import BaseCommand, CommandError

from isms.models import Role
from portal.demo import load_demo


class Command(BaseCommand):
    help = (
        "Creates or updates the demo data: the reference organisation (eav) with the register data behind its 2024 "
        "management review (approved, with its stored PDF, and a 2025 draft started from it), a second organisation "
        "(hsv), and one login per role. Idempotent: an approved review and its PDF are never changed. Without --password, "
        "new users get a generated password (printed once) and existing users keep theirs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for every demo user (also resets existing users').")

    def handle(self, *args, password=None, **options):
        if password is not None and not password.strip():
            raise CommandError("--password must not be empty.")
        result = load_demo(password)
        roles = dict(Role.choices)
        out = self.stdout

        created = sum(result["created"].values())
        updated = sum(result["updated"].values())
        out.write(self.style.SUCCESS(f"Demodata inläst: {created} rader skapade, {updated} ändrade."))
        out.write("Organisationer:")
        for code, name in result["organisations"].items():
            out.write(f"  {code:<6} {name}")
        out.write("Inloggningar:")
        width = max(len(username) for username in result["users"])
        for username, memberships in result["users"].items():
            where = ", ".join(f"{roles[role]} ({code})" for code, role in memberships)
            out.write(f"  {username:<{width}}  {where}")
        if result["password"] is not None:
            which = "genererat" if result["password_generated"] else "angivet"
            names = ", ".join(result["password_set_for"])
            out.write(f"Lösenord ({which}) för {names}: {result['password']}")
            if result["password_generated"]:
                out.write(self.style.WARNING("Lösenordet visas bara nu; spara det."))
        if result["review_approved_now"]:
            review = result["reviews"]["eav"]
            out.write(f"Ledningens genomgång 2024 för eav fastställd, PDF lagrad (SHA-256 {review.pdf_sha256}).")
        if result["next_review_started_now"]:
            out.write(f"Utkast till ledningens genomgång {result['next_review'].plan_year} för eav påbörjat.")
        for code in result["reviews_left_alone"]:
            out.write(f"Ledningens genomgång för {code} är inte längre ett utkast och lämnades orörd.")
        if result["kept_password"]:
            names = ", ".join(result["kept_password"])
            out.write(f"Behåller sitt tidigare lösenord: {names} (ange --password för att byta).")
