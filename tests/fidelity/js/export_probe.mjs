// Uses the official Mattermost JavaScript client (Client4) the way a web app would and prints what it saw
// as JSON, so the Python test can compare it with what the demo server holds.
// Usage: node export_probe.mjs <server url> <token> <channel id>
import clientPackage from '@mattermost/client';

const {Client4} = clientPackage;
const [url, token, channelId] = process.argv.slice(2);
const PER_PAGE = 200;

async function allPostIds(client) {
    // The exporter's paging: one fixed anchor, then before=<anchor>&page=N until a short page.
    const first = await client.getPosts(channelId, 0, PER_PAGE);
    if (first.order.length === 0) {
        return [];
    }
    const anchor = first.order[0];
    const ids = [anchor];
    for (let page = 0; ; page++) {
        const list = await client.getPostsBefore(channelId, anchor, page, PER_PAGE);
        ids.push(...list.order);
        if (list.order.length < PER_PAGE) {
            return ids;
        }
    }
}

async function allMemberships(client, userId) {
    const result = [];
    for (let page = 0; ; page++) {
        const members = await client.getAllChannelsMembers(userId, page, PER_PAGE);
        result.push(...members);
        if (members.length < PER_PAGE) {
            return result;
        }
    }
}

const client = new Client4();
client.setUrl(url);
client.setToken(token);

const me = await client.getMe();
const teams = await client.getMyTeams();
const channelsByTeam = {};
for (const team of teams) {
    channelsByTeam[team.name] = (await client.getMyChannels(team.id)).map((c) => c.id);
}
const members = await allMemberships(client, me.id);
const postIds = await allPostIds(client);

const stranger = new Client4();
stranger.setUrl(url);
stranger.setToken('invalidtokeninvalidtoken12');
let rejected = null;
try {
    await stranger.getMe();
} catch (error) {
    rejected = {status: error.status_code, id: error.server_error_id};
}

const fresh = new Client4();
fresh.setUrl(url);
const loggedIn = await fresh.login('anna', 'demo');
const afterLogin = await fresh.getMe();

console.log(JSON.stringify({
    me: {id: me.id, username: me.username},
    teams: teams.map((t) => t.name),
    channelsByTeam,
    memberChannelIds: members.map((m) => m.channel_id),
    postIds,
    serverVersion: client.getServerVersion(),
    rejected,
    login: {username: loggedIn.username, tokenSet: Boolean(fresh.getToken()), me: afterLogin.username},
}));
