"""An automatic backup is named in Dutch (backups.views.backup_first): on an English page the
name is marked as Dutch, so a screen reader reads it as Dutch."""

from challenges.auth.roles import Role
from challenges.backups import services
from tests.factories import make_user


def test_an_automatic_backups_dutch_name_is_marked_dutch_on_an_english_page(client):
    make_user(email="organisator@example.nl", roles=(Role.ORGANISER,))
    client.log_in("organisator@example.nl")
    client.submit("/language", {"language": "en"}, page="/")
    services.automatic("voor heropenen ronde")

    page = client.get("/admin/backups").get_data(as_text=True)

    assert '<html lang="en">' in page
    assert '<span lang="nl">voor heropenen ronde</span>' in page
