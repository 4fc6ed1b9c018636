"""The Slack face: the `/invoice` slash command for a team, on slack-bolt (AsyncApp).

A thin face: it turns Slack requests into ``Toolbox.run`` calls with the user's role, and
results into Block Kit. Entry point: ``ninja_slack.main.run_slack(args)`` (``ninja-tools slack``).

Layout: ``grammar`` (with ``lines`` and ``entities``) reads the command text · ``texts`` every
sentence and the help · ``blocks``/``render``/``outcome`` Block Kit · ``roles`` Slack users to
principals · ``resolve`` numbers and names to ids · ``confirmer`` the Slack ``Confirmer`` ·
``face`` one command end to end · ``answers`` button presses · ``modal`` the new-invoice form ·
``delivery`` PDFs by direct message · ``explain`` errors as one line · ``listeners`` the Bolt
wiring · ``server`` HTTP and Socket Mode · ``settings`` the environment · ``main`` the command.
``manifest.yml`` and ``manifest.socket.yml`` install the app in a workspace.
"""
