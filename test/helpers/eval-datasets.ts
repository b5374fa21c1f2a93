import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

/*
 * Hand-written stand-ins for the two evaluation datasets, in their file layouts: MIND
 * (`behaviors.tsv`, `news.tsv`) and Reuters-21578 Distribution 1.0 (`reut2-NNN.sgm`). None of the
 * text comes from either collection. Both are research-only, so no file named like theirs is
 * kept in the repository: the tests write these to a temporary folder.
 */

const files: Record<string, string> = {
  'mind/ok/behaviors.tsv':
    '3\tU3\t11/11/2019 9:00:00 AM\tN1\tN2-0 N1-1 N3-0 N4-0\n1\tU1\t11/11/2019 8:00:00 AM\t\tN1-1 N2-0 N4-0\n2\tU2\t11/11/2019 8:30:00 AM\tN2\tN3-0 N1-1 N4-0\n4\tU4\t11/11/2019 9:00:00 AM\t\tN4-1 N1-0\n',
  'mind/ok/news.tsv':
    'N1\tnews\tnewsworld\tFloods hit the coast\tRivers burst their banks.\nN2\tsports\tfootball\tCup final tonight\t\nN3\tnews\tnewsus\tElection count goes on\t\n',
  'mind/bad-line/behaviors.tsv': '1\tU1\t11/11/2019 8:00:00 AM\t\tN1-1 N2-0\n2\tU2\tyesterday\t\tN1-1 N2-0\n',
  'mind/bad-line/news.tsv':
    'N1\tnews\tnewsworld\tFloods hit the coast\tRivers burst their banks.\nN2\tsports\tfootball\tCup final tonight\t\nN3\tnews\tnewsus\tElection count goes on\t\n',
  'reuters/ok/reut2-000.sgm':
    '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="1">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>grain</D><D>wheat</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>FARMERS EXPECT RECORD WHEAT HARVEST</TITLE>\n<BODY>Farmers in the plains expect a record wheat harvest after spring rains, the farm ministry said. Wheat exports could rise.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="2" NEWID="2">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>grain</D><D>wheat</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>WHEAT EXPORT TENDER DRAWS BIDS</TITLE>\n<BODY>Exporters bid for a wheat tender as the harvest outlook improved. Grain traders said wheat prices eased.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="3" NEWID="3">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>grain</D><D>wheat</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>WHEAT HARVEST OUTLOOK LIFTS EXPORTS</TITLE>\n<BODY>The wheat harvest outlook lifted export hopes, grain traders said, with farmers reporting strong yields.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="4" NEWID="4">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>crude</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>OIL PRICES RISE ON SUPPLY CUTS</TITLE>\n<BODY>Crude oil prices rose after producers agreed supply cuts. Oil traders expect tighter crude markets.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="5" NEWID="5">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>crude</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>PRODUCERS AGREE CRUDE OUTPUT CUT</TITLE>\n<BODY>Oil producers agreed to cut crude output to support prices, ministers said after talks.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="6" NEWID="6">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>crude</D><D>ship</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>TANKER RATES CLIMB AS CRUDE SHIPMENTS GROW</TITLE>\n<BODY>Tanker rates climbed as crude oil shipments grew, ship brokers said.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="7" NEWID="7">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>earn</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>ACME CORP QUARTERLY PROFIT UP</TITLE>\n<BODY>Acme Corp said quarterly net profit rose on higher sales. Shr profit up, revs up.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="8" NEWID="8">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>earn</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>BETA INC QUARTERLY PROFIT FALLS</TITLE>\n<BODY>Beta Inc said quarterly net profit fell as sales slowed. Shr profit down, revs down.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="9" NEWID="9">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>NO TOPIC STORY</TITLE>\n<BODY>A story without any topic label is left out of the corpus.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="10" NEWID="10">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>earn</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE></TITLE>\n<BODY>\n</BODY></TEXT>\n</REUTERS>\n',
  'reuters/corrupt/reut2-000.sgm':
    '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="1">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>grain</D><D>wheat</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>FARMERS EXPECT RECORD WHEAT HARVEST</TITLE>\n<BODY>Farmers in the plains expect a record wheat harvest after spring rains, the farm ministry said. Wheat exports could rise.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="2" NEWID="2">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>grain</D><D>wheat</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>WHEAT EXPORT TENDER DRAWS BIDS</TITLE>\n<BODY>Exporters bid for a wheat tender as the harvest outlook improved. Grain traders said wheat prices eased.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="3" NEWID="3">\n<DATE> 1-JAN-2026 10:00:00.00</DATE>\n<TOPICS><D>grain</D><D>wheat</D></TOPICS>\n<PLACES></PLACES>\n<TEXT>&#2;\n<TITLE>WHEAT HARVEST OUTLOOK LIFTS EXPORTS</TITLE>\n<BODY>The wheat harvest outlook lifted export hopes, grain traders said, with farmers reporting strong yields.\n</BODY></TEXT>\n</REUTERS>\n<REUTERS TOPICS="YES" LEWISSPLIT="TEST" NEWID="99">\n<TOPICS><D>crude</D></TOPICS>\n<TEXT><TITLE>CUT OFF</TITLE>\n',
};

/**
 * Called at a test file's top level: writes the stand-ins to a temporary folder before its tests
 * and removes it after them. `path('mind/ok')` (four impressions, out of time order),
 * `mind/bad-line` (a bad time on line 2), `reuters/ok` (a tiny corpus with topics and the
 * TRAIN/TEST split), `reuters/corrupt` (ends in the middle of a story).
 */
export function useEvalDatasets(): { path(dataset: string): string } {
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'lede-eval-'));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), text);
    }
  });
  after(() => rm(root, { recursive: true, force: true }));
  return { path: (dataset) => join(root, dataset) };
}
