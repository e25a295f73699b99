import { extractEntities } from './pipeline/entities/index.ts';
const t = `La Commission nationale de contrôle de la protection des données à caractère personnel (CNDP) a dit. La Commission nationale a ajouté. ويعاقب الفصل بغرامة من 5000 إلى 50000 درهم.`;
const e = extractEntities({ text: t, title: null, language: 'fr', publishedAt: '2023-01-09' });
console.log(JSON.stringify(e.organizations.map(o=>o.mentions.map(m=>m.text))), JSON.stringify(e.amounts.map(a=>[a.value,a.maxValue,a.kind])));
