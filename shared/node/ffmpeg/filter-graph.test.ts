import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chain, escapeFilterValue, filter, graph } from './filter-graph.ts';

test('option values are escaped for both parsing levels', () => {
  assert.equal(escapeFilterValue('1+0.1*on/29'), '1+0.1*on/29');
  assert.equal(escapeFilterValue('if(gte(on,5),1,2)'), 'if(gte(on\\,5)\\,1\\,2)');
  assert.equal(escapeFilterValue('/tmp/a:b.ass'), '/tmp/a\\\\:b.ass');
  assert.equal(escapeFilterValue("it's"), "it\\\\\\'s");
  assert.equal(escapeFilterValue('[x];y'), '\\[x\\]\\;y');
});

test('filters, chains and graphs', () => {
  assert.equal(filter('anull'), 'anull');
  assert.equal(filter('scale', { w: 320, h: -2 }), 'scale=w=320:h=-2');
  assert.equal(
    graph([
      chain(
        ['0:v'],
        [filter('scale', { w: 2, h: 2 }), filter('format', { pix_fmts: 'yuv420p' })],
        ['a'],
      ),
      chain(['a', '1:v'], [filter('overlay')], ['out']),
    ]),
    '[0:v]scale=w=2:h=2,format=pix_fmts=yuv420p[a];[a][1:v]overlay[out]',
  );
  assert.throws(() => chain(['a'], [], ['b']));
});
