// The German home page as an anonymous first visitor sees it: no data beyond the migrations.
import { defineBenchmark } from './harness';

export default defineBenchmark({
  title: 'German home page',
  paths: ['/de/'],
  connections: 32,
  duration: 20,
});
