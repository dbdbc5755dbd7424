// The dashboard: which page each path shows. Each page module's mount(main, params) draws the page
// into <main> and answers {refresh, stop}.
import {route, start} from './router.js';
import * as block from './block.js';
import * as blocks from './blocks.js';
import * as deployment from './deployment.js';
import * as deployments from './deployments.js';
import * as run from './run.js';
import * as runs from './runs.js';
import * as workQueues from './work-queues.js';

route('/', runs.mount);
route('/runs', runs.mount);
route('/runs/:id', run.mount);
route('/deployments', deployments.mount);
route('/deployments/:id', deployment.mount);
route('/work-queues', workQueues.mount);
route('/blocks', blocks.mount);
route('/blocks/:id', block.mount);

start(document.getElementById('main'));
